<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/settings: the portal's general settings form. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.settings']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="muted"><xsl:value-of select="crm:t('admin.settings_hint')"/></p>
  <xsl:apply-templates select="form"/>
</xsl:template>

</xsl:stylesheet>
