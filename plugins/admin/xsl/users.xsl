<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/users: the list with its search, and one account's page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.users']/content">
  <xsl:apply-templates select="tabs"/>
  <div class="actions">
    <a class="btn btn-primary" href="/admin/users/new"><xsl:value-of select="crm:t('admin.new_user')"/></a>
  </div>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="users/user">
      <div class="table-wrap">
        <table class="list users">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.login')"/></th>
            <th><xsl:value-of select="crm:t('admin.name')"/></th>
            <th><xsl:value-of select="crm:t('admin.email')"/></th>
            <th><xsl:value-of select="crm:t('admin.role')"/></th>
            <th><xsl:value-of select="crm:t('admin.status')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="users/user">
              <tr data-user="{login}">
                <td><a href="/admin/users/{id}/edit"><xsl:value-of select="login"/></a></td>
                <td><xsl:value-of select="name"/></td>
                <td><xsl:value-of select="email"/></td>
                <td><xsl:call-template name="admin.role"><xsl:with-param name="role" select="role"/></xsl:call-template></td>
                <td><xsl:call-template name="admin.active"><xsl:with-param name="active" select="active"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="string(users/@q)">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('admin.no_users_match')"/></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('core.empty')"/></p></div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='admin.user_edit']/content">
  <xsl:variable name="a" select="account"/>
  <xsl:apply-templates select="tabs"/>
  <section class="card">
    <header class="card-head">
      <h2 class="card-title"><xsl:value-of select="$a/name"/></h2>
      <div class="actions">
        <xsl:call-template name="admin.role"><xsl:with-param name="role" select="$a/role"/></xsl:call-template>
        <xsl:call-template name="admin.active"><xsl:with-param name="active" select="$a/active"/></xsl:call-template>
      </div>
    </header>
    <dl class="props">
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.login')"/></dt><dd><xsl:value-of select="$a/login"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.email')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="string($a/email)"><xsl:value-of select="$a/email"/></xsl:when>
            <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.groups')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="string($a/groups_list)"><xsl:value-of select="$a/groups_list"/></xsl:when>
            <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.created')"/></dt><dd><xsl:value-of select="$a/created_at"/></dd></div>
    </dl>
    <xsl:if test="$a/@readonly = '1'">
      <p class="muted"><xsl:value-of select="crm:t('admin.owner_only_hint')"/></p>
    </xsl:if>
  </section>
  <xsl:if test="not($a/@readonly = '1')">
    <h2><xsl:value-of select="crm:t('admin.profile')"/></h2>
    <xsl:apply-templates select="profile/form"/>
    <h2><xsl:value-of select="crm:t('admin.password_section')"/></h2>
    <xsl:apply-templates select="password/form"/>
    <h2><xsl:value-of select="crm:t('admin.status')"/></h2>
    <section class="card">
      <xsl:choose>
        <xsl:when test="$a/@self = '1'">
          <p class="muted"><xsl:value-of select="crm:t('admin.disable_self')"/></p>
        </xsl:when>
        <xsl:when test="$a/active = '1'">
          <p><xsl:value-of select="crm:t('admin.disable_hint')"/></p>
          <p><a class="btn btn-danger-outline" href="/admin/users/{$a/id}/disable"><xsl:value-of select="crm:t('admin.disable')"/></a></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="crm:t('admin.enable_hint')"/></p>
          <xsl:call-template name="admin.button">
            <xsl:with-param name="action" select="concat('/admin/users/', $a/id, '/enable')"/>
            <xsl:with-param name="label" select="'admin.enable'"/>
            <xsl:with-param name="class" select="'btn btn-primary'"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:if>
  <p><a href="/admin/users">← <xsl:value-of select="crm:t('admin.back_to_users')"/></a></p>
</xsl:template>

</xsl:stylesheet>
