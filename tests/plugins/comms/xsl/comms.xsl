<?xml version="1.0" encoding="UTF-8"?>
<!-- comms' one page: the contact field crm_pick resolved, and what it picked. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='comms.pick']/content">
  <xsl:apply-templates select="form"/>
  <p id="picked"><xsl:value-of select="picked"/></p>
</xsl:template>

</xsl:stylesheet>
