<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/groups: the list with the new-group form, and one group's members and grants. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.groups']/content">
  <xsl:apply-templates select="tabs"/>
  <xsl:apply-templates select="create/form"/>
  <xsl:choose>
    <xsl:when test="groups/group">
      <div class="table-wrap">
        <table class="list groups">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.group_name')"/></th>
            <th class="num"><xsl:value-of select="crm:t('admin.members')"/></th>
            <th><xsl:value-of select="crm:t('admin.permissions')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="groups/group">
              <tr data-group="{name}">
                <td><a href="/admin/groups/{id}"><xsl:value-of select="name"/></a></td>
                <td class="num"><xsl:value-of select="members"/></td>
                <td><xsl:value-of select="grants"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('admin.no_groups')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('admin.groups_hint')"/></p>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='admin.group']/content">
  <xsl:variable name="g" select="group"/>
  <xsl:variable name="locked" select="$g/@locked = '1'"/>
  <xsl:apply-templates select="tabs"/>
  <section class="card">
    <header class="card-head">
      <h2 class="card-title"><xsl:value-of select="$g/@name"/></h2>
      <xsl:if test="not($locked)">
        <div class="actions">
          <a class="btn btn-danger-outline btn-small" href="/admin/groups/{$g/@id}/delete"><xsl:value-of select="crm:t('admin.delete_group')"/></a>
        </div>
      </xsl:if>
    </header>
    <dl class="props">
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.members')"/></dt><dd><xsl:value-of select="count(members/member)"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.permissions')"/></dt>
        <dd>
          <xsl:for-each select="permissions/permission[@checked = '1']">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="crm:t(string(@title))"/>
          </xsl:for-each>
          <xsl:if test="not(permissions/permission[@checked = '1'])"><span class="muted">—</span></xsl:if>
        </dd>
      </div>
    </dl>
    <xsl:if test="$locked">
      <p class="muted"><xsl:value-of select="crm:t('admin.group_owner_only')"/></p>
    </xsl:if>
  </section>

  <h2><xsl:value-of select="crm:t('admin.members')"/></h2>
  <xsl:apply-templates select="add/form"/>
  <xsl:choose>
    <xsl:when test="members/member">
      <div class="table-wrap">
        <table class="list members">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.name')"/></th>
            <th><xsl:value-of select="crm:t('admin.login')"/></th>
            <th><xsl:value-of select="crm:t('admin.status')"/></th>
            <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="members/member">
              <tr data-member="{login}">
                <td><a href="/admin/users/{id}/edit"><xsl:value-of select="name"/></a></td>
                <td><xsl:value-of select="login"/></td>
                <td><xsl:call-template name="admin.active"><xsl:with-param name="active" select="active"/></xsl:call-template></td>
                <td>
                  <xsl:if test="not($locked)">
                    <xsl:call-template name="admin.button">
                      <xsl:with-param name="action" select="concat('/admin/groups/', $g/@id, '/members/', id, '/remove')"/>
                      <xsl:with-param name="label" select="'admin.remove'"/>
                      <xsl:with-param name="confirm" select="'admin.confirm_member_remove'"/>
                    </xsl:call-template>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:when>
    <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('admin.no_members')"/></p></xsl:otherwise>
  </xsl:choose>

  <h2><xsl:value-of select="crm:t('admin.permissions')"/></h2>
  <form method="post" action="/admin/groups/{$g/@id}/grants" class="form grants" accept-charset="UTF-8">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <p class="field-hint"><xsl:value-of select="crm:t('admin.permissions_hint')"/></p>
    <xsl:for-each select="permissions/permission">
      <div class="field field-checkbox">
        <div class="check">
          <input type="checkbox" name="perm" value="{@name}" id="perm-{position()}">
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            <xsl:if test="@disabled = '1'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
          </input>
          <label for="perm-{position()}">
            <xsl:value-of select="crm:t(string(@title))"/>
            <xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="@name"/>)</span>
          </label>
        </div>
        <xsl:if test="@disabled = '1'">
          <p class="field-hint"><xsl:value-of select="crm:t('admin.owner_grants_only')"/></p>
        </xsl:if>
      </div>
    </xsl:for-each>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><xsl:value-of select="crm:t('admin.save_permissions')"/></button>
    </div>
  </form>
  <p><a href="/admin/groups">← <xsl:value-of select="crm:t('admin.back_to_groups')"/></a></p>
</xsl:template>

</xsl:stylesheet>
