<?xml version="1.0" encoding="UTF-8"?>
<!-- The product form (new and edit); the theme's widgets draw the fields, the unit's
     field adds the browser's list of usual units. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='products.new' or @view='products.edit']/content">
  <xsl:if test="string(product/@id)">
    <p><a href="/products/{product/@id}">← <xsl:value-of select="product/@name"/></a></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<!-- A text field with suggestions: free text, the usual values a click away. -->
<xsl:template match="page[@view='products.new' or @view='products.edit']//field[suggest]">
  <xsl:variable name="id"><xsl:call-template name="crm.field-id"/></xsl:variable>
  <div class="field field-text">
    <xsl:if test="string(@error)"><xsl:attribute name="class">field field-text has-error</xsl:attribute></xsl:if>
    <label for="{$id}"><xsl:value-of select="crm:t(string(@label))"/></label>
    <input type="text" list="{$id}-list">
      <xsl:call-template name="crm.control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:if test="@value"><xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute></xsl:if>
    </input>
    <datalist id="{$id}-list">
      <xsl:for-each select="suggest/option"><option value="{.}"/></xsl:for-each>
    </datalist>
    <xsl:if test="string(@error)">
      <p class="field-error" id="{$id}-error"><xsl:value-of select="crm:t(string(@error))"/></p>
    </xsl:if>
    <xsl:if test="string(@hint)">
      <p class="field-hint" id="{$id}-hint"><xsl:value-of select="crm:t(string(@hint))"/></p>
    </xsl:if>
  </div>
</xsl:template>

</xsl:stylesheet>
