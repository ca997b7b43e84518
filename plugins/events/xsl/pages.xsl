<?xml version="1.0" encoding="UTF-8"?>
<!-- Pages around an event: the delete confirmation, and the participant and planned-item
     forms when they come back with a message. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='events.delete']/content">
  <div class="narrow"><xsl:apply-templates select="confirm"/></div>
</xsl:template>

<xsl:template match="page[@view='events.participant' or @view='events.plan']/content">
  <section class="card narrow">
    <xsl:if test="string(event/@name)">
      <p><a href="/events/{event/@id}">← <xsl:value-of select="event/@name"/></a></p>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </section>
</xsl:template>

</xsl:stylesheet>
