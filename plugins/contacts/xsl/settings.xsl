<?xml version="1.0" encoding="UTF-8"?>
<!-- /contacts/settings/{types,temperatures}: the admins' lists, each entry renamed in
     place, moved up or down, or deleted after a confirmation. -->
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

<!-- A one-button POST form carrying the session's CSRF token. -->
<xsl:template name="contacts.button">
  <xsl:param name="action"/>
  <xsl:param name="label"/>
  <xsl:param name="name"/>
  <xsl:param name="value"/>
  <xsl:param name="class" select="'btn btn-secondary btn-small'"/>
  <form method="post" action="{$action}" class="inline">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <button type="submit" class="{$class}">
      <xsl:if test="string($name)">
        <xsl:attribute name="name"><xsl:value-of select="$name"/></xsl:attribute>
        <xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute>
      </xsl:if>
      <xsl:value-of select="crm:t($label)"/>
    </button>
  </form>
</xsl:template>

<xsl:template match="page[@view='contacts.settings']/content">
  <xsl:call-template name="contacts.tabs"/>
  <xsl:variable name="base" select="concat('/contacts/settings/', entries/@slug)"/>
  <xsl:choose>
    <xsl:when test="entries/entry">
      <div class="table-wrap">
        <table class="list settings-entries">
          <thead><tr>
            <th><xsl:value-of select="crm:t('contacts.settings_name')"/></th>
            <th class="num"><xsl:value-of select="crm:t('contacts.settings_used')"/></th>
            <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="entries/entry">
              <xsl:variable name="shown">
                <xsl:call-template name="contacts.label"><xsl:with-param name="value" select="@name"/></xsl:call-template>
              </xsl:variable>
              <tr class="entry" data-id="{@id}" data-name="{@name}">
                <td>
                  <form method="post" action="{$base}/{@id}/rename" class="inline rename" accept-charset="UTF-8">
                    <input type="hidden" name="csrf" value="{/page/csrf}"/>
                    <xsl:variable name="value">
                      <xsl:choose>
                        <xsl:when test="@typed"><xsl:value-of select="@typed"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="$shown"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:variable>
                    <input type="text" name="name" value="{$value}" maxlength="100" required="required"
                      aria-label="{crm:t('contacts.settings_name')}">
                      <xsl:if test="string(@error)"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
                    </input>
                    <xsl:text> </xsl:text>
                    <button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('contacts.settings_rename')"/></button>
                    <xsl:if test="string(@error)"><p class="field-error"><xsl:value-of select="crm:t(string(@error))"/></p></xsl:if>
                  </form>
                </td>
                <td class="num"><xsl:value-of select="@used"/></td>
                <td class="actions">
                  <xsl:if test="not(@first = '1')">
                    <xsl:call-template name="contacts.button">
                      <xsl:with-param name="action" select="concat($base, '/', @id, '/move')"/>
                      <xsl:with-param name="label" select="'contacts.settings_up'"/>
                      <xsl:with-param name="name" select="'dir'"/>
                      <xsl:with-param name="value" select="'up'"/>
                    </xsl:call-template>
                  </xsl:if>
                  <xsl:if test="not(@last = '1')">
                    <xsl:call-template name="contacts.button">
                      <xsl:with-param name="action" select="concat($base, '/', @id, '/move')"/>
                      <xsl:with-param name="label" select="'contacts.settings_down'"/>
                      <xsl:with-param name="name" select="'dir'"/>
                      <xsl:with-param name="value" select="'down'"/>
                    </xsl:call-template>
                  </xsl:if>
                  <a class="btn btn-danger-outline btn-small" href="{$base}/{@id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:when>
    <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('contacts.settings_empty')"/></p></xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="form"/>
  <p><a href="/contacts">← <xsl:value-of select="crm:t('contacts.back_to_list')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='contacts.settings_delete']/content">
  <div class="narrow"><xsl:apply-templates select="confirm"/></div>
</xsl:template>

</xsl:stylesheet>
