<?xml version="1.0" encoding="UTF-8"?>
<!-- /contacts/settings/{types,temperatures}: the admins' lists (the core's <choices>
     widget) under the settings tabs, which the web forms' pages show too. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="contacts.tabs">
  <nav class="actions contacts-tabs" aria-label="{crm:t('contacts.settings')}">
    <xsl:for-each select="tabs/tab">
      <a href="{@href}">
        <xsl:choose>
          <xsl:when test="@active = '1'">
            <xsl:attribute name="class">btn btn-small btn-primary</xsl:attribute>
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:when>
          <xsl:otherwise><xsl:attribute name="class">btn btn-small btn-secondary</xsl:attribute></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="crm:t(string(@title))"/>
      </a>
    </xsl:for-each>
  </nav>
</xsl:template>

<xsl:template match="page[@view='contacts.settings']/content">
  <xsl:call-template name="contacts.tabs"/>
  <xsl:apply-templates select="choices"/>
  <p><a href="/contacts">← <xsl:value-of select="crm:t('contacts.back_to_list')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='contacts.settings_delete']/content">
  <div class="narrow"><xsl:apply-templates select="confirm"/></div>
</xsl:template>

</xsl:stylesheet>
