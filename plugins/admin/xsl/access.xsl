<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/access: everyone, or only chosen users and groups (ADM-3). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.access']/content">
  <xsl:variable name="mode" select="mode/@value"/>
  <xsl:apply-templates select="tabs"/>
  <form method="post" action="/admin/access" class="form access-mode" accept-charset="UTF-8">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <fieldset class="field">
      <legend><strong><xsl:value-of select="crm:t('admin.access_who')"/></strong></legend>
      <div class="check">
        <input type="radio" name="mode" value="all" id="mode-all">
          <xsl:if test="$mode = 'all'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="mode-all"><xsl:value-of select="crm:t('admin.access_all')"/></label>
      </div>
      <div class="check">
        <input type="radio" name="mode" value="chosen" id="mode-chosen">
          <xsl:if test="$mode = 'chosen'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="mode-chosen"><xsl:value-of select="crm:t('admin.access_chosen')"/></label>
      </div>
      <p class="field-hint"><xsl:value-of select="crm:t('admin.access_owner_hint')"/></p>
    </fieldset>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><xsl:value-of select="crm:t('core.save')"/></button>
    </div>
  </form>

  <h2><xsl:value-of select="crm:t('admin.access_list')"/></h2>
  <xsl:if test="$mode = 'all'">
    <p class="muted"><xsl:value-of select="crm:t('admin.access_list_idle')"/></p>
  </xsl:if>
  <xsl:choose>
    <xsl:when test="allowed/entry">
      <div class="table-wrap">
        <table class="list access">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.access_kind')"/></th>
            <th><xsl:value-of select="crm:t('admin.name')"/></th>
            <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="allowed/entry">
              <tr>
                <xsl:choose>
                  <xsl:when test="string(group_id)">
                    <xsl:attribute name="data-group"><xsl:value-of select="group_name"/></xsl:attribute>
                    <td><xsl:value-of select="crm:t('admin.access_kind_group')"/></td>
                    <td><a href="/admin/groups/{group_id}"><xsl:value-of select="group_name"/></a></td>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:attribute name="data-user"><xsl:value-of select="login"/></xsl:attribute>
                    <td><xsl:value-of select="crm:t('admin.access_kind_user')"/></td>
                    <td>
                      <a href="/admin/users/{user_id}/edit"><xsl:value-of select="user_name"/></a>
                      <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="login"/></span>
                      <xsl:if test="active != '1'">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="admin.active"><xsl:with-param name="active" select="active"/></xsl:call-template>
                      </xsl:if>
                    </td>
                  </xsl:otherwise>
                </xsl:choose>
                <td>
                  <xsl:call-template name="admin.button">
                    <xsl:with-param name="action" select="concat('/admin/access/', id, '/remove')"/>
                    <xsl:with-param name="label" select="'admin.remove'"/>
                    <xsl:with-param name="confirm" select="'admin.confirm_access_remove'"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:when>
    <xsl:otherwise>
      <p class="muted"><xsl:value-of select="crm:t('admin.access_nobody')"/></p>
    </xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="add_user/form"/>
  <xsl:if test="groups/group">
    <form method="post" action="/admin/access/groups" class="form inline" accept-charset="UTF-8">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <div class="field field-select">
        <label for="access-group"><xsl:value-of select="crm:t('admin.access_group')"/></label>
        <select name="group" id="access-group">
          <xsl:for-each select="groups/group">
            <option value="{id}"><xsl:value-of select="name"/></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><xsl:value-of select="crm:t('admin.access_add')"/></button>
      </div>
    </form>
  </xsl:if>
</xsl:template>

</xsl:stylesheet>
