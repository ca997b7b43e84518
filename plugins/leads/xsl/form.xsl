<?xml version="1.0" encoding="UTF-8"?>
<!-- The lead form (new and edit): the theme's widgets draw the fields; the managers'
     checkboxes are drawn here. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='leads.new' or @view='leads.edit']/content">
  <xsl:if test="string(lead/@id)">
    <p><a href="/leads/{lead/@id}">← <xsl:value-of select="lead/@name"/></a></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='leads.new' or @view='leads.edit']//form/managers">
  <fieldset class="lead-managers">
    <legend><xsl:value-of select="crm:t('leads.managers')"/></legend>
    <p class="field-hint"><xsl:value-of select="crm:t('leads.managers_hint')"/></p>
    <div class="manager-list">
      <xsl:for-each select="user">
        <div class="check">
          <input type="checkbox" name="manager" value="{@id}" id="manager-{@id}">
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="manager-{@id}"><xsl:value-of select="."/></label>
        </div>
      </xsl:for-each>
    </div>
  </fieldset>
</xsl:template>

</xsl:stylesheet>
