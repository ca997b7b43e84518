<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/fields: custom fields of one entity type (a button per type), the form to
     add one, a field's edit form and the confirmation before deleting. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.fields']/content">
  <xsl:apply-templates select="tabs"/>
  <xsl:choose>
    <xsl:when test="entities/entity">
      <nav class="actions field-entities" aria-label="{crm:t('admin.field_entity')}">
        <xsl:for-each select="entities/entity">
          <a href="{@href}" data-entity="{@name}">
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
      <xsl:choose>
        <xsl:when test="fields/field">
          <div class="table-wrap">
            <table class="list custom-fields-admin" data-entity="{fields/@entity}">
              <thead><tr>
                <th><xsl:value-of select="crm:t('admin.field_name')"/></th>
                <th><xsl:value-of select="crm:t('admin.field_type')"/></th>
                <th><xsl:value-of select="crm:t('admin.field_required')"/></th>
                <th class="num"><xsl:value-of select="crm:t('admin.position')"/></th>
                <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
              </tr></thead>
              <tbody>
                <xsl:for-each select="fields/field">
                  <tr data-field="{id}">
                    <td><a href="/admin/fields/{id}"><xsl:value-of select="name"/></a></td>
                    <td>
                      <xsl:value-of select="crm:t(concat('admin.field_type_', type))"/>
                      <xsl:if test="type = 'list'">
                        <span class="muted"><xsl:text>: </xsl:text><xsl:value-of select="translate(options, '&#10;', ',')"/></span>
                      </xsl:if>
                    </td>
                    <td>
                      <xsl:if test="required = '1'"><xsl:value-of select="crm:t('core.yes')"/></xsl:if>
                    </td>
                    <td class="num"><xsl:value-of select="position"/></td>
                    <td><a class="btn btn-ghost btn-small" href="/admin/fields/{id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <div class="empty">
            <p class="empty-title"><xsl:value-of select="crm:t('admin.no_fields')"/></p>
            <p class="empty-hint"><xsl:value-of select="crm:t('admin.no_fields_hint')"/></p>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="fields/@full = '1'">
          <p class="muted"><xsl:value-of select="crm:t('admin.fields_too_many')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <h2><xsl:value-of select="crm:t('admin.add_field')"/></h2>
          <xsl:apply-templates select="create/form"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('admin.no_entities')"/></p></div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='admin.field']/content">
  <xsl:apply-templates select="tabs"/>
  <section class="card">
    <header class="card-head">
      <h2 class="card-title"><xsl:value-of select="field/name"/></h2>
      <div class="actions">
        <a class="btn btn-danger-outline btn-small" href="/admin/fields/{field/id}/delete"><xsl:value-of select="crm:t('admin.delete_field')"/></a>
      </div>
    </header>
    <dl class="props">
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.field_entity')"/></dt>
        <dd><xsl:value-of select="crm:t(string(field/@entity_title))"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.field_type')"/></dt>
        <dd class="field-type"><xsl:value-of select="crm:t(concat('admin.field_type_', field/type))"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('admin.field_uses')"/></dt>
        <dd><xsl:value-of select="field/uses"/></dd></div>
    </dl>
    <p class="muted"><xsl:value-of select="crm:t('admin.field_type_fixed')"/></p>
  </section>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='admin.field_delete']/content">
  <xsl:apply-templates select="tabs"/>
  <p class="field-delete-uses">
    <xsl:value-of select="crm:t('admin.field_delete_uses')"/>
    <xsl:text> </xsl:text><strong><xsl:value-of select="deleting/@uses"/></strong>
  </p>
  <xsl:apply-templates select="confirm"/>
</xsl:template>

</xsl:stylesheet>
