<?xml version="1.0" encoding="UTF-8"?>
<!-- beta's page and its panel on alpha's cards. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='beta.index']/content">
  <section class="card">
    <dl class="props">
      <div class="prop">
        <dt><xsl:value-of select="crm:t('beta.protected_count')"/></dt>
        <dd class="beta-protected"><xsl:value-of select="protected"/></dd>
      </div>
    </dl>
    <p class="muted"><xsl:value-of select="crm:t('beta.rule')"/></p>
  </section>
</xsl:template>

<xsl:template match="page/panel[@name='beta.alpha_item']">
  <section class="panel" data-panel="{@name}">
    <h2 class="panel-title"><xsl:value-of select="crm:t(string(@title))"/></h2>
    <div class="panel-body">
      <dl class="props">
        <div class="prop">
          <dt><xsl:value-of select="crm:t('beta.name_length')"/></dt>
          <dd class="beta-length"><xsl:value-of select="length"/></dd>
        </div>
        <div class="prop">
          <dt><xsl:value-of select="crm:t('beta.protection')"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="protected = '1'"><span class="badge badge-warn"><xsl:value-of select="crm:t('beta.protected')"/></span></xsl:when>
              <xsl:otherwise><span class="badge badge-muted"><xsl:value-of select="crm:t('beta.not_protected')"/></span></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
