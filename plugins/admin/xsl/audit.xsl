<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/audit: who changed what, when, old → new; newest first. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.audit']/content">
  <xsl:variable name="f" select="filter"/>
  <xsl:apply-templates select="tabs"/>
  <form method="get" action="/admin/audit" class="form search" accept-charset="UTF-8">
    <div class="field field-text">
      <label for="audit-user"><xsl:value-of select="crm:t('admin.audit_user')"/></label>
      <input type="search" name="user" id="audit-user" value="{$f/@user}" autocomplete="off"/>
    </div>
    <div class="field field-select">
      <label for="audit-action"><xsl:value-of select="crm:t('admin.audit_action')"/></label>
      <select name="action" id="audit-action">
        <option value=""><xsl:value-of select="crm:t('admin.audit_any_action')"/></option>
        <xsl:for-each select="$f/action">
          <option value="{.}">
            <xsl:if test=". = $f/@action"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:call-template name="admin.label">
              <xsl:with-param name="prefix" select="'admin.act_'"/>
              <xsl:with-param name="value" select="string(.)"/>
            </xsl:call-template>
          </option>
        </xsl:for-each>
      </select>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><xsl:value-of select="crm:t('admin.filter')"/></button>
      <xsl:if test="string($f/@user) or string($f/@action)">
        <xsl:text> </xsl:text><a class="btn btn-secondary" href="/admin/audit"><xsl:value-of select="crm:t('admin.filter_reset')"/></a>
      </xsl:if>
    </div>
  </form>
  <xsl:choose>
    <xsl:when test="entries/entry">
      <div class="table-wrap">
        <table class="list audit">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.audit_when')"/></th>
            <th><xsl:value-of select="crm:t('admin.audit_who')"/></th>
            <th><xsl:value-of select="crm:t('admin.audit_action')"/></th>
            <th><xsl:value-of select="crm:t('admin.audit_record')"/></th>
            <th><xsl:value-of select="crm:t('admin.audit_field')"/></th>
            <th><xsl:value-of select="crm:t('admin.audit_change')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="entries/entry">
              <tr data-action="{action}">
                <td><time><xsl:value-of select="translate(at, ' ', '&#160;')"/></time></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="string(login)"><a href="/admin/audit?user={login}"><xsl:value-of select="user_name"/></a></xsl:when>
                    <xsl:otherwise><span class="muted"><xsl:value-of select="crm:t('admin.audit_system')"/></span></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td>
                  <xsl:call-template name="admin.label">
                    <xsl:with-param name="prefix" select="'admin.act_'"/>
                    <xsl:with-param name="value" select="string(action)"/>
                  </xsl:call-template>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="entity = 'user' and string(record_id)"><a href="/admin/users/{record_id}/edit"><xsl:value-of select="crm:t('admin.entity_user')"/> #<xsl:value-of select="record_id"/></a></xsl:when>
                    <xsl:when test="entity = 'group' and string(record_id)"><a href="/admin/groups/{record_id}"><xsl:value-of select="crm:t('admin.entity_group')"/> #<xsl:value-of select="record_id"/></a></xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="entity"/>
                      <xsl:if test="string(record_id)"> #<xsl:value-of select="record_id"/></xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:value-of select="field"/></td>
                <td class="change">
                  <span class="old"><xsl:choose><xsl:when test="string(old_value)"><xsl:value-of select="old_value"/></xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></span>
                  <xsl:text> → </xsl:text>
                  <span class="new"><xsl:choose><xsl:when test="string(new_value)"><xsl:value-of select="new_value"/></xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></span>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('admin.audit_empty')"/></p></div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
