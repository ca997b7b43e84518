<?xml version="1.0" encoding="UTF-8"?>
<!-- /leads/settings: funnels and their statuses, sources, disqualification reasons;
     each entry renamed in place, moved up or down, or deleted after a confirmation. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="leads.tabs">
  <nav class="actions leads-tabs" aria-label="{crm:t('leads.settings')}">
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
<xsl:template name="leads.button">
  <xsl:param name="action"/>
  <xsl:param name="label"/>
  <xsl:param name="value"/>
  <form method="post" action="{$action}" class="inline">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <button type="submit" class="btn btn-secondary btn-small" name="dir" value="{$value}"><xsl:value-of select="crm:t($label)"/></button>
  </form>
</xsl:template>

<!-- A name renamed in place: the entry's row form. -->
<xsl:template name="leads.rename">
  <xsl:param name="action"/>
  <form method="post" action="{$action}" class="inline rename" accept-charset="UTF-8">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <xsl:variable name="value">
      <xsl:choose>
        <xsl:when test="@typed"><xsl:value-of select="@typed"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <input type="text" name="name" value="{$value}" maxlength="100" required="required" aria-label="{crm:t('leads.settings_name')}">
      <xsl:if test="string(@error)"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
    </input>
    <xsl:text> </xsl:text>
    <button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('leads.settings_rename')"/></button>
    <xsl:if test="string(@error)"><p class="field-error"><xsl:value-of select="crm:t(string(@error))"/></p></xsl:if>
  </form>
</xsl:template>

<!-- Up and down buttons and the delete link of an entry under base. -->
<xsl:template name="leads.entry-actions">
  <xsl:param name="base"/>
  <xsl:if test="not(@first = '1')">
    <xsl:call-template name="leads.button">
      <xsl:with-param name="action" select="concat($base, '/move')"/>
      <xsl:with-param name="label" select="'leads.settings_up'"/>
      <xsl:with-param name="value" select="'up'"/>
    </xsl:call-template>
  </xsl:if>
  <xsl:if test="not(@last = '1')">
    <xsl:call-template name="leads.button">
      <xsl:with-param name="action" select="concat($base, '/move')"/>
      <xsl:with-param name="label" select="'leads.settings_down'"/>
      <xsl:with-param name="value" select="'down'"/>
    </xsl:call-template>
  </xsl:if>
  <a class="btn btn-danger-outline btn-small" href="{$base}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
</xsl:template>

<xsl:template match="page[@view='leads.settings']/content">
  <xsl:call-template name="leads.tabs"/>
  <xsl:apply-templates select="choices"/>
  <p><a href="/leads">← <xsl:value-of select="crm:t('leads.back_to_list')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='leads.funnels']/content">
  <xsl:call-template name="leads.tabs"/>
  <div class="table-wrap">
    <table class="list settings-entries funnels">
      <thead><tr>
        <th><xsl:value-of select="crm:t('leads.funnel')"/></th>
        <th class="num"><xsl:value-of select="crm:t('leads.statuses')"/></th>
        <th class="num"><xsl:value-of select="crm:t('leads.settings_used')"/></th>
        <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="funnels/funnel">
          <tr class="entry funnel" data-id="{@id}" data-name="{@name}">
            <td><xsl:call-template name="leads.rename"><xsl:with-param name="action" select="concat('/leads/settings/funnels/', @id, '/rename')"/></xsl:call-template></td>
            <td class="num"><a href="/leads/settings/funnels/{@id}"><xsl:value-of select="@statuses"/></a></td>
            <td class="num"><xsl:value-of select="@used"/></td>
            <td class="actions">
              <a class="btn btn-secondary btn-small" href="/leads/settings/funnels/{@id}"><xsl:value-of select="crm:t('leads.statuses_edit')"/></a>
              <xsl:call-template name="leads.entry-actions"><xsl:with-param name="base" select="concat('/leads/settings/funnels/', @id)"/></xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
  <xsl:apply-templates select="form"/>
  <p><a href="/leads">← <xsl:value-of select="crm:t('leads.back_to_list')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='leads.funnel']/content">
  <xsl:call-template name="leads.tabs"/>
  <h2 class="funnel-name"><xsl:value-of select="funnel/@name"/></h2>
  <p class="muted"><xsl:value-of select="crm:t('leads.statuses_hint')"/></p>
  <div class="table-wrap">
    <table class="list settings-entries statuses">
      <thead><tr>
        <th><xsl:value-of select="crm:t('leads.status')"/></th>
        <th class="num"><xsl:value-of select="crm:t('leads.settings_used')"/></th>
        <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="funnel/status">
          <tr class="entry status status-{@kind}" data-id="{@id}" data-name="{@name}" data-kind="{@kind}">
            <xsl:choose>
              <xsl:when test="@kind = 'open'">
                <td><xsl:call-template name="leads.rename"><xsl:with-param name="action" select="concat('/leads/settings/statuses/', @id, '/rename')"/></xsl:call-template></td>
                <td class="num"><xsl:value-of select="@used"/></td>
                <td class="actions"><xsl:call-template name="leads.entry-actions"><xsl:with-param name="base" select="concat('/leads/settings/statuses/', @id)"/></xsl:call-template></td>
              </xsl:when>
              <xsl:otherwise>
                <td><span class="badge badge-{@kind}"><xsl:value-of select="@name"/></span>
                  <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="crm:t('leads.status_fixed_hint')"/></span></td>
                <td class="num"><xsl:value-of select="@used"/></td>
                <td></td>
              </xsl:otherwise>
            </xsl:choose>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
  <xsl:apply-templates select="form"/>
  <p><a href="/leads/settings/funnels">← <xsl:value-of select="crm:t('leads.settings_funnels')"/></a></p>
</xsl:template>

</xsl:stylesheet>
