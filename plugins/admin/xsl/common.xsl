<?xml version="1.0" encoding="UTF-8"?>
<!-- What every admin page shares: the tab bar and small pieces (badges, role names). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[starts-with(@view, 'admin.')]/content/tabs">
  <nav class="actions admin-tabs" aria-label="{crm:t('admin.title')}">
    <xsl:for-each select="tab">
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

<!-- A role as a badge: owner and admin stand out. -->
<xsl:template name="admin.role">
  <xsl:param name="role"/>
  <span>
    <xsl:attribute name="class">
      <xsl:choose>
        <xsl:when test="$role = 'owner'">badge badge-accent</xsl:when>
        <xsl:when test="$role = 'admin'">badge badge-warn</xsl:when>
        <xsl:otherwise>badge</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:value-of select="crm:t(concat('admin.role_', $role))"/>
  </span>
</xsl:template>

<xsl:template name="admin.active">
  <xsl:param name="active"/>
  <xsl:choose>
    <xsl:when test="$active = '1'"><span class="badge badge-ok"><xsl:value-of select="crm:t('admin.active')"/></span></xsl:when>
    <xsl:otherwise><span class="badge badge-error"><xsl:value-of select="crm:t('admin.inactive')"/></span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A catalog text, or the raw value when the catalog has none (actions of other plugins). -->
<xsl:template name="admin.label">
  <xsl:param name="prefix"/>
  <xsl:param name="value"/>
  <xsl:variable name="key" select="concat($prefix, $value)"/>
  <xsl:variable name="text" select="crm:t($key)"/>
  <xsl:choose>
    <xsl:when test="$text = $key"><xsl:value-of select="$value"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A one-button POST form; the session's CSRF token goes with it. -->
<xsl:template name="admin.button">
  <xsl:param name="action"/>
  <xsl:param name="label"/>
  <xsl:param name="class" select="'btn btn-secondary btn-small'"/>
  <xsl:param name="confirm"/>
  <form method="post" action="{$action}" class="inline">
    <xsl:if test="string($confirm)"><xsl:attribute name="data-confirm"><xsl:value-of select="crm:t($confirm)"/></xsl:attribute></xsl:if>
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <button type="submit" class="{$class}"><xsl:value-of select="crm:t($label)"/></button>
  </form>
</xsl:template>

</xsl:stylesheet>
