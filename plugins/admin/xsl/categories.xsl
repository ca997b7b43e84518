<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/categories: history categories with the form to add one, a category's
     edit form, and the confirmation before deleting. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.categories']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="muted"><xsl:value-of select="crm:t('admin.categories_hint')"/></p>
  <div class="table-wrap">
    <table class="list categories">
      <thead><tr>
        <th><xsl:value-of select="crm:t('admin.category_name')"/></th>
        <th class="num"><xsl:value-of select="crm:t('admin.position')"/></th>
        <th><xsl:value-of select="crm:t('admin.category_kind')"/></th>
        <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="categories/category">
          <tr data-category="{id}" data-code="{code}">
            <td><a href="/admin/categories/{id}"><xsl:value-of select="crm:t(string(name))"/></a></td>
            <td class="num"><xsl:value-of select="position"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="system = '1'"><span class="badge badge-accent"><xsl:value-of select="crm:t('admin.category_system_badge')"/></span></xsl:when>
                <xsl:otherwise><span class="badge"><xsl:value-of select="crm:t('admin.category_user_badge')"/></span></xsl:otherwise>
              </xsl:choose>
            </td>
            <td>
              <xsl:if test="system != '1'">
                <a class="btn btn-ghost btn-small" href="/admin/categories/{id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
  <h2><xsl:value-of select="crm:t('admin.add_category')"/></h2>
  <xsl:apply-templates select="create/form"/>
</xsl:template>

<xsl:template match="page[@view='admin.category']/content">
  <xsl:apply-templates select="tabs"/>
  <xsl:if test="category/system = '1'">
    <p class="muted"><xsl:value-of select="crm:t('admin.category_system_hint')"/></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='admin.category_delete']/content">
  <xsl:apply-templates select="tabs"/>
  <xsl:apply-templates select="confirm"/>
</xsl:template>

</xsl:stylesheet>
