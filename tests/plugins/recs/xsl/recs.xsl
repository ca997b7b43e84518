<?xml version="1.0" encoding="UTF-8"?>
<!-- The recs pages: the list, a card with the core's record services, a new record's
     form and the role-checked page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='recs.list']/content">
  <section class="card">
    <table class="list" id="recs">
      <thead><tr>
        <th><xsl:value-of select="crm:t('recs.field_title')"/></th>
        <th><xsl:value-of select="crm:t('recs.field_visibility')"/></th>
        <th><xsl:value-of select="crm:t('core.tags.title')"/></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="recs/rec">
          <tr class="rec" data-id="{id}">
            <td><a href="/recs/{id}"><xsl:value-of select="title"/></a></td>
            <td><xsl:value-of select="crm:t(concat('recs.vis_', visibility))"/></td>
            <td class="rec-tags"><xsl:value-of select="tags"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </section>
  <xsl:if test="all-tags/tag">
    <p class="rec-tag-filter">
      <xsl:for-each select="all-tags/tag">
        <a class="tag" href="/recs?tag={.}"><xsl:value-of select="."/></a>
        <xsl:text> </xsl:text>
      </xsl:for-each>
    </p>
  </xsl:if>
  <xsl:apply-templates select="pager"/>
</xsl:template>

<xsl:template match="page[@view='recs.card']/content">
  <section class="card" id="rec" data-id="{rec/id}">
    <h2 class="rec-title"><xsl:value-of select="rec/title"/></h2>
    <p class="muted"><xsl:value-of select="crm:t(concat('recs.vis_', rec/visibility))"/></p>
    <xsl:if test="links/link">
      <ul class="rec-links">
        <xsl:for-each select="links/link">
          <li data-entity="{entity}" data-id="{id}"><xsl:value-of select="concat(entity, ' ', id)"/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </section>
  <xsl:apply-templates select="form"/>
  <!-- Whatever the core's services put on the card (tags, fields, history, files). -->
  <xsl:apply-templates select="*[not(self::rec or self::links or self::form)]"/>
</xsl:template>

<xsl:template match="page[@view='recs.new']/content">
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='recs.restricted']/content">
  <p id="recs-restricted" data-path="{path}" data-role="{role}"><xsl:value-of select="crm:t('recs.restricted')"/></p>
</xsl:template>

</xsl:stylesheet>
