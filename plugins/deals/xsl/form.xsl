<?xml version="1.0" encoding="UTF-8"?>
<!-- The deal form (new and edit): fields side by side where they belong together, the
     users a restricted deal is open to; the theme's widgets draw the fields themselves. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='deals.new' or @view='deals.edit']/content">
  <xsl:if test="string(deal/@id)">
    <p><a href="/deals/{deal/@id}">← <xsl:value-of select="deal/@name"/></a></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<!-- Budget, currency and amount type; stage and probability: one row. -->
<xsl:template match="page[@view='deals.new' or @view='deals.edit']//form/money">
  <div class="field-row">
    <xsl:apply-templates select="field"/>
  </div>
</xsl:template>

<xsl:template match="page[@view='deals.new' or @view='deals.edit']//form/contacts-off">
  <p class="field-hint deals-contacts-off"><xsl:value-of select="crm:t('deals.contacts_off')"/></p>
</xsl:template>

<xsl:template match="page[@view='deals.new' or @view='deals.edit']//form/readers">
  <fieldset class="deal-readers">
    <legend><xsl:value-of select="crm:t('deals.readers')"/></legend>
    <p class="field-hint"><xsl:value-of select="crm:t('deals.readers_hint')"/></p>
    <div class="manager-list">
      <xsl:for-each select="user">
        <div class="check">
          <input type="checkbox" name="reader" value="{@id}" id="reader-{@id}">
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="reader-{@id}"><xsl:value-of select="."/></label>
        </div>
      </xsl:for-each>
    </div>
  </fieldset>
</xsl:template>

</xsl:stylesheet>
