<?xml version="1.0" encoding="UTF-8"?>
<!-- The board of a funnel, the disqualification form, and the confirmations: deleting a
     lead, the ticked ones, or a settings entry. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='leads.board']/content">
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/leads/new?funnel={@funnel}"><xsl:value-of select="crm:t('leads.new_title')"/></a>
    </xsl:if>
    <a class="btn btn-secondary" href="/leads?funnel={@funnel}"><xsl:value-of select="crm:t('leads.as_list')"/></a>
  </div>
  <xsl:if test="count(funnels/funnel) &gt; 1">
    <nav class="actions lead-funnels" aria-label="{crm:t('leads.funnel')}">
      <xsl:for-each select="funnels/funnel">
        <a href="/leads/board?funnel={@id}">
          <xsl:choose>
            <xsl:when test="@current = '1'">
              <xsl:attribute name="class">btn btn-small btn-primary</xsl:attribute>
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:when>
            <xsl:otherwise><xsl:attribute name="class">btn btn-small btn-secondary</xsl:attribute></xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="."/>
        </a>
      </xsl:for-each>
    </nav>
  </xsl:if>
  <xsl:apply-templates select="board"/>
</xsl:template>

<xsl:template match="page[@view='leads.disqualify']/content">
  <div class="narrow">
    <p><a href="/leads/{lead/@id}">← <xsl:value-of select="lead/@name"/></a></p>
    <p class="muted"><xsl:value-of select="crm:t('leads.disqualify_hint')"/></p>
    <xsl:apply-templates select="form"/>
  </div>
</xsl:template>

<xsl:template match="page[@view='leads.delete' or @view='leads.settings_delete']/content">
  <div class="narrow"><xsl:apply-templates select="confirm"/></div>
</xsl:template>

<xsl:template match="page[@view='leads.bulk_delete']/content">
  <div class="narrow">
    <section class="card confirm">
      <div class="confirm-icon" aria-hidden="true">!</div>
      <div class="confirm-body">
        <p class="confirm-question"><xsl:value-of select="crm:t('leads.bulk_delete_question')"/></p>
        <xsl:apply-templates select="form"/>
      </div>
    </section>
  </div>
</xsl:template>

<xsl:template match="page[@view='leads.bulk_delete']//form/doomed">
  <ul class="doomed">
    <xsl:for-each select="lead"><li data-id="{@id}"><xsl:value-of select="."/></li></xsl:for-each>
  </ul>
</xsl:template>

</xsl:stylesheet>
