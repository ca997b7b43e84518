<?xml version="1.0" encoding="UTF-8"?>
<!-- alpha's views: the list with its create form, the card, the secret page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='alpha.list']/content">
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="items/item">
      <div class="table-wrap">
        <table class="list alpha-items">
          <thead><tr>
            <th><xsl:value-of select="crm:t('alpha.id')"/></th>
            <th><xsl:value-of select="crm:t('alpha.name')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="items/item">
              <tr>
                <td><xsl:value-of select="id"/></td>
                <td><a href="/alpha/{id}"><xsl:value-of select="name"/></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:apply-templates select="empty"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='alpha.card']/content">
  <xsl:if test="string(refusal)">
    <div class="flash flash-error alpha-refusal" role="alert">
      <span class="flash-text"><strong><xsl:value-of select="crm:t('alpha.delete_refused')"/></strong><xsl:text> </xsl:text><xsl:value-of select="refusal"/></span>
    </div>
  </xsl:if>
  <section class="card">
    <header class="card-head">
      <h2 class="card-title"><xsl:value-of select="item/name"/></h2>
    </header>
    <dl class="props">
      <div class="prop">
        <dt><xsl:value-of select="crm:t('alpha.id')"/></dt>
        <dd><xsl:value-of select="item/id"/></dd>
      </div>
    </dl>
    <form class="form form-buttons" method="post" action="/alpha/{item/id}/delete" accept-charset="UTF-8">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <div class="form-actions">
        <button type="submit" class="btn btn-danger"><xsl:value-of select="crm:t('core.delete')"/></button>
        <a class="btn btn-secondary" href="/alpha"><xsl:value-of select="crm:t('alpha.back')"/></a>
      </div>
    </form>
  </section>
</xsl:template>

<xsl:template match="page[@view='alpha.secret']/content">
  <p><xsl:value-of select="crm:t('alpha.secret_text')"/></p>
</xsl:template>

</xsl:stylesheet>
