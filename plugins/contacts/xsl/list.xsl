<?xml version="1.0" encoding="UTF-8"?>
<!-- /contacts: the filters, the list with its ticks and the bulk actions under it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<!-- A list's name: seeded ones are catalog keys, the ones admins typed show as typed. -->
<xsl:template name="contacts.label">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="starts-with($value, 'contacts.')"><xsl:value-of select="crm:t(string($value))"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Public contacts are marked wherever they are listed. -->
<xsl:template name="contacts.public-mark">
  <xsl:param name="vis"/>
  <xsl:choose>
    <xsl:when test="$vis = 'public_write'">
      <span class="badge badge-ok contact-public" title="{crm:t('contacts.vis.public_write')}"><xsl:value-of select="crm:t('contacts.public_badge')"/></span>
    </xsl:when>
    <xsl:when test="$vis = 'public_read'">
      <span class="badge badge-accent contact-public" title="{crm:t('contacts.vis.public_read')}"><xsl:value-of select="crm:t('contacts.public_badge')"/></span>
    </xsl:when>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='contacts.list']/content">
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/contacts/new?kind=person"><xsl:value-of select="crm:t('contacts.new_person')"/></a>
      <a class="btn btn-secondary" href="/contacts/new?kind=company"><xsl:value-of select="crm:t('contacts.new_company')"/></a>
    </xsl:if>
    <xsl:if test="@importer = '1'">
      <a class="btn btn-ghost contacts-import" href="/import/contact"><xsl:value-of select="crm:t('contacts.import_button')"/></a>
    </xsl:if>
    <xsl:if test="@exporter = '1' and contacts/contact">
      <a class="btn btn-ghost" href="{contacts/@export}"><xsl:value-of select="crm:t('contacts.export_all')"/></a>
    </xsl:if>
    <xsl:if test="@admin = '1'">
      <a class="btn btn-ghost" href="/contacts/settings/types"><xsl:value-of select="crm:t('contacts.settings')"/></a>
    </xsl:if>
  </div>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="contacts/contact">
      <form method="post" action="/contacts/bulk" class="contacts-bulk" id="bulk" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="back" value="{/page/@path}"/>
        <!-- Enter in the tag box adds the tag: it is the first button. -->
        <div class="table-wrap">
          <table class="list contacts">
            <thead><tr>
              <th class="tick"><span class="visually-hidden"><xsl:value-of select="crm:t('contacts.tick')"/></span></th>
              <th><xsl:value-of select="crm:t('contacts.name')"/></th>
              <th><xsl:value-of select="crm:t('contacts.company')"/></th>
              <th><xsl:value-of select="crm:t('contacts.type')"/></th>
              <th><xsl:value-of select="crm:t('contacts.temperature')"/></th>
              <th><xsl:value-of select="crm:t('contacts.email')"/></th>
              <th><xsl:value-of select="crm:t('contacts.phone')"/></th>
              <th><xsl:value-of select="crm:t('contacts.owner')"/></th>
              <th><xsl:value-of select="crm:t('contacts.tags')"/></th>
            </tr></thead>
            <tbody>
              <!-- What every row repeats is looked up once. -->
              <xsl:variable name="tick" select="crm:t('contacts.tick')"/>
              <xsl:variable name="company-badge" select="crm:t('contacts.kind.company')"/>
              <xsl:variable name="public-badge" select="crm:t('contacts.public_badge')"/>
              <xsl:variable name="public-write" select="crm:t('contacts.vis.public_write')"/>
              <xsl:variable name="public-read" select="crm:t('contacts.vis.public_read')"/>
              <xsl:for-each select="contacts/contact">
                <tr class="contact" data-id="{id}" data-kind="{kind}" data-visibility="{visibility}">
                  <td class="tick">
                    <input type="checkbox" name="id" value="{id}" id="tick-{id}" aria-label="{$tick} {name}"/>
                  </td>
                  <td class="contact-name">
                    <a href="/contacts/{id}"><xsl:value-of select="name"/></a>
                    <xsl:if test="kind = 'company'">
                      <xsl:text> </xsl:text><span class="badge"><xsl:value-of select="$company-badge"/></span>
                    </xsl:if>
                    <xsl:text> </xsl:text>
                    <!-- contacts.public-mark, with the row's words looked up once. -->
                    <xsl:choose>
                      <xsl:when test="visibility = 'public_write'">
                        <span class="badge badge-ok contact-public" title="{$public-write}"><xsl:value-of select="$public-badge"/></span>
                      </xsl:when>
                      <xsl:when test="visibility = 'public_read'">
                        <span class="badge badge-accent contact-public" title="{$public-read}"><xsl:value-of select="$public-badge"/></span>
                      </xsl:when>
                    </xsl:choose>
                  </td>
                  <td>
                    <xsl:if test="string(company)"><a href="/contacts/{company_id}"><xsl:value-of select="company"/></a></xsl:if>
                  </td>
                  <td><xsl:call-template name="contacts.label"><xsl:with-param name="value" select="type"/></xsl:call-template></td>
                  <td><xsl:call-template name="contacts.label"><xsl:with-param name="value" select="temperature"/></xsl:call-template></td>
                  <td><xsl:if test="string(email)"><a href="mailto:{email}"><xsl:value-of select="email"/></a></xsl:if></td>
                  <td class="nowrap"><xsl:value-of select="phone"/></td>
                  <td><xsl:value-of select="owner"/></td>
                  <td class="contact-tags"><xsl:value-of select="tags"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:if test="@editor = '1' or @exporter = '1' or bulk/list-action">
          <fieldset class="bulk-actions">
            <legend><xsl:value-of select="crm:t('contacts.bulk_title')"/></legend>
            <xsl:if test="@editor = '1'">
              <div class="bulk-action">
                <label for="bulk-tag"><xsl:value-of select="crm:t('contacts.bulk_tag')"/></label>
                <input type="text" name="tag" id="bulk-tag" maxlength="100"/>
                <button type="submit" name="action" value="tag" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('contacts.bulk_tag_submit')"/></button>
              </div>
              <div class="bulk-action">
                <label for="bulk-manager"><xsl:value-of select="crm:t('contacts.bulk_manager')"/></label>
                <select name="manager" id="bulk-manager">
                  <xsl:for-each select="bulk/user">
                    <option value="{@id}"><xsl:value-of select="."/></option>
                  </xsl:for-each>
                </select>
                <button type="submit" name="action" value="manager" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('contacts.bulk_manager_submit')"/></button>
              </div>
            </xsl:if>
            <div class="bulk-action">
              <xsl:if test="@exporter = '1'">
                <button type="submit" name="action" value="export" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('contacts.bulk_export')"/></button>
              </xsl:if>
              <xsl:for-each select="bulk/list-action">
                <button type="submit" formaction="{@url}" class="btn btn-secondary btn-small" data-action="{@name}"><xsl:value-of select="crm:t(string(@title))"/></button>
              </xsl:for-each>
              <xsl:if test="@editor = '1'">
                <button type="submit" name="action" value="delete" class="btn btn-danger-outline btn-small"><xsl:value-of select="crm:t('contacts.bulk_delete')"/></button>
              </xsl:if>
            </div>
          </fieldset>
        </xsl:if>
      </form>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="contacts/@filtered = '1'">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('contacts.none_match')"/></p>
        <p class="empty-action"><a class="btn btn-secondary" href="/contacts"><xsl:value-of select="crm:t('contacts.clear_filters')"/></a></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('contacts.empty_title')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('contacts.none_hint')"/></p>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
