<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/modules: every plugin, its version, state and switch. The browser test relies on
     <tr data-plugin="NAME"> and a submit button of class "switch" in that row. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.modules']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="muted"><xsl:value-of select="crm:t('admin.modules_hint')"/></p>
  <div class="table-wrap">
    <table class="list modules">
      <thead><tr>
        <th><xsl:value-of select="crm:t('admin.module')"/></th>
        <th><xsl:value-of select="crm:t('admin.version')"/></th>
        <th><xsl:value-of select="crm:t('admin.status')"/></th>
        <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="modules/module">
          <tr data-plugin="{@name}" data-status="{@status}">
            <td>
              <strong>
                <xsl:choose>
                  <xsl:when test="string(@title) and @status != 'refused'"><xsl:value-of select="crm:t(string(@title))"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
                </xsl:choose>
              </strong>
              <xsl:if test="string(@plugin) and (@status != 'refused' or @plugin != @name)">
                <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@plugin"/></span>
              </xsl:if>
              <xsl:if test="@status = 'refused'">
                <div class="muted"><xsl:value-of select="@file"/></div>
              </xsl:if>
            </td>
            <td><xsl:value-of select="@version"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@status = 'enabled'"><span class="badge badge-ok"><xsl:value-of select="crm:t('core.status_enabled')"/></span></xsl:when>
                <xsl:when test="@status = 'disabled'"><span class="badge"><xsl:value-of select="crm:t('core.status_disabled')"/></span></xsl:when>
                <xsl:otherwise><span class="badge badge-error"><xsl:value-of select="crm:t('core.status_refused')"/></span></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@required = '1'">
                <xsl:text> </xsl:text><span class="badge badge-accent"><xsl:value-of select="crm:t('admin.required')"/></span>
              </xsl:if>
              <xsl:if test="string(reason)">
                <div class="reason muted"><xsl:value-of select="reason"/></div>
              </xsl:if>
              <xsl:if test="@status = 'disabled' and @switch = 'on'">
                <div class="muted"><xsl:value-of select="crm:t('admin.disabled_by_dependency')"/></div>
              </xsl:if>
            </td>
            <td>
              <xsl:if test="not(@required = '1') and @status != 'refused'">
                <xsl:choose>
                  <xsl:when test="@switch = 'on'">
                    <xsl:call-template name="admin.button">
                      <xsl:with-param name="action" select="concat('/admin/modules/', @name, '/disable')"/>
                      <xsl:with-param name="label" select="'admin.switch_disable'"/>
                      <xsl:with-param name="class" select="'btn btn-secondary btn-small switch'"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="admin.button">
                      <xsl:with-param name="action" select="concat('/admin/modules/', @name, '/enable')"/>
                      <xsl:with-param name="label" select="'admin.switch_enable'"/>
                      <xsl:with-param name="class" select="'btn btn-primary btn-small switch'"/>
                    </xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
</xsl:template>

</xsl:stylesheet>
