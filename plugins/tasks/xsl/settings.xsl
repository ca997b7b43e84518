<?xml version="1.0" encoding="UTF-8"?>
<!-- /tasks/settings: the task categories (the core's <choices> widget) under a hint of
     what they are for. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='tasks.settings']/content">
  <p class="muted"><xsl:value-of select="crm:t('tasks.settings_hint')"/></p>
  <xsl:apply-templates select="choices"/>
  <p><a href="/tasks">← <xsl:value-of select="crm:t('tasks.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
