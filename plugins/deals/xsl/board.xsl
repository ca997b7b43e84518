<?xml version="1.0" encoding="UTF-8"?>
<!-- /deals/board: the board widget (themes/default/services/board.xsl) under the page's
     buttons and its filter. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='deals.board']/content">
  <xsl:call-template name="deals.actions">
    <xsl:with-param name="view" select="'board'"/>
  </xsl:call-template>
  <xsl:apply-templates select="form"/>
  <xsl:apply-templates select="board"/>
</xsl:template>

</xsl:stylesheet>
