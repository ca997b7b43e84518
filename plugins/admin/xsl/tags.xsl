<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/tags: the list with its search, one tag's rename and merge forms, and the
     confirmations before merging or deleting. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.tags']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="muted"><xsl:value-of select="crm:t('admin.tags_hint')"/></p>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="tags-list/tag">
      <div class="table-wrap">
        <table class="list tags-admin">
          <thead><tr>
            <th><xsl:value-of select="crm:t('admin.tag_name')"/></th>
            <th class="num"><xsl:value-of select="crm:t('admin.tag_uses')"/></th>
            <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="tags-list/tag">
              <tr data-tag="{name}">
                <td><a href="/admin/tags/{id}"><xsl:value-of select="name"/></a></td>
                <td class="num"><xsl:value-of select="uses"/></td>
                <td><a class="btn btn-ghost btn-small" href="/admin/tags/{id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="string(tags-list/@q)">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('admin.no_tags_match')"/></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('admin.no_tags')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('admin.no_tags_hint')"/></p>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='admin.tag']/content">
  <xsl:variable name="t" select="tag"/>
  <xsl:apply-templates select="tabs"/>
  <section class="card">
    <header class="card-head">
      <h2 class="card-title"><xsl:value-of select="$t/@name"/></h2>
      <div class="actions">
        <a class="btn btn-danger-outline btn-small" href="/admin/tags/{$t/@id}/delete"><xsl:value-of select="crm:t('admin.delete_tag')"/></a>
      </div>
    </header>
    <dl class="props">
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.tag_uses')"/></dt><dd class="tag-uses"><xsl:value-of select="$t/@uses"/></dd></div>
    </dl>
  </section>
  <h2><xsl:value-of select="crm:t('admin.rename')"/></h2>
  <xsl:apply-templates select="rename/form"/>
  <h2><xsl:value-of select="crm:t('admin.merge')"/></h2>
  <!-- The merge form by hand: its input offers the other tags' names. -->
  <xsl:for-each select="merge/form">
    <xsl:variable name="f" select="field[@name='into']"/>
    <form method="get" action="{@action}" class="form merge-tag" accept-charset="UTF-8">
      <xsl:if test="string(@error)">
        <div class="form-error" role="alert"><xsl:value-of select="crm:t(string(@error))"/></div>
      </xsl:if>
      <div class="field field-text">
        <xsl:if test="string($f/@error)"><xsl:attribute name="class">field field-text has-error</xsl:attribute></xsl:if>
        <label for="merge-into"><xsl:value-of select="crm:t('admin.tag_merge_into')"/></label>
        <input type="text" name="into" id="merge-into" value="{$f/@value}" list="merge-names" required="required"
          autocomplete="off" aria-describedby="merge-into-hint">
          <xsl:if test="string($f/@error)">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="autofocus">autofocus</xsl:attribute>
          </xsl:if>
        </input>
        <datalist id="merge-names">
          <xsl:for-each select="/page/content/names/name"><option value="{.}"/></xsl:for-each>
        </datalist>
        <xsl:if test="string($f/@error)">
          <p class="field-error"><xsl:value-of select="crm:t(string($f/@error))"/></p>
        </xsl:if>
        <p class="field-hint" id="merge-into-hint"><xsl:value-of select="crm:t('admin.tag_merge_hint')"/></p>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary"><xsl:value-of select="crm:t('admin.merge')"/></button>
      </div>
    </form>
  </xsl:for-each>
  <p><a href="/admin/tags">← <xsl:value-of select="crm:t('admin.back_to_tags')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='admin.tag_merge']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="tag-merge-uses">
    <xsl:value-of select="crm:t('admin.tag_merge_uses')"/>
    <xsl:text> </xsl:text><strong><xsl:value-of select="merging/@uses"/></strong>
  </p>
  <xsl:apply-templates select="confirm"/>
</xsl:template>

<xsl:template match="page[@view='admin.tag_delete']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="tag-delete-uses">
    <xsl:value-of select="crm:t('admin.tag_delete_uses')"/>
    <xsl:text> </xsl:text><strong><xsl:value-of select="deleting/@uses"/></strong>
  </p>
  <xsl:apply-templates select="confirm"/>
</xsl:template>

</xsl:stylesheet>
