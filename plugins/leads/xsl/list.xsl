<?xml version="1.0" encoding="UTF-8"?>
<!-- /leads: the filters, the list with its ticks and the bulk actions under it; other
     plugins' section tabs (calls, emails) follow as panels (layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='leads.list']/content">
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/leads/new"><xsl:value-of select="crm:t('leads.new_title')"/></a>
    </xsl:if>
    <a class="btn btn-secondary leads-board-link" href="{@board}"><xsl:value-of select="crm:t('leads.board_title')"/></a>
    <xsl:if test="@importer = '1'">
      <a class="btn btn-ghost leads-import" href="/import/lead"><xsl:value-of select="crm:t('leads.import_button')"/></a>
    </xsl:if>
    <xsl:if test="@exporter = '1' and leads/lead">
      <a class="btn btn-ghost leads-export" href="{leads/@export}"><xsl:value-of select="crm:t('leads.export_all')"/></a>
    </xsl:if>
    <xsl:if test="@admin = '1'">
      <a class="btn btn-ghost" href="/leads/settings/funnels"><xsl:value-of select="crm:t('leads.settings')"/></a>
    </xsl:if>
  </div>
  <xsl:apply-templates select="form"/>
  <datalist id="lead-tags">
    <xsl:for-each select="all-tags/tag"><option value="{.}"/></xsl:for-each>
  </datalist>
  <xsl:choose>
    <xsl:when test="leads/lead">
      <form method="post" action="/leads/bulk" class="leads-bulk" id="bulk" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="back" value="{/page/@path}"/>
        <div class="table-wrap">
          <table class="list leads">
            <thead><tr>
              <th class="tick"><span class="visually-hidden"><xsl:value-of select="crm:t('leads.tick')"/></span></th>
              <th><xsl:value-of select="crm:t('leads.name')"/></th>
              <th><xsl:value-of select="crm:t('leads.status')"/></th>
              <th><xsl:value-of select="crm:t('leads.contact')"/></th>
              <th><xsl:value-of select="crm:t('leads.phone')"/></th>
              <th><xsl:value-of select="crm:t('leads.email')"/></th>
              <th><xsl:value-of select="crm:t('leads.source')"/></th>
              <th class="num"><xsl:value-of select="crm:t('leads.budget')"/></th>
              <th><xsl:value-of select="crm:t('leads.owner')"/></th>
              <th><xsl:value-of select="crm:t('leads.tags')"/></th>
              <th><xsl:value-of select="crm:t('leads.created')"/></th>
            </tr></thead>
            <tbody>
              <xsl:variable name="tick" select="crm:t('leads.tick')"/>
              <xsl:for-each select="leads/lead">
                <tr class="lead" data-id="{id}" data-status="{status_id}" data-kind="{status_kind}">
                  <td class="tick"><input type="checkbox" name="id" value="{id}" id="tick-{id}" aria-label="{$tick} {name}"/></td>
                  <td class="lead-name"><a href="/leads/{id}"><xsl:value-of select="name"/></a></td>
                  <td class="lead-status">
                    <span class="badge badge-{status_kind}"><xsl:value-of select="status"/></span>
                    <span class="muted lead-funnel"><xsl:text> </xsl:text><xsl:value-of select="funnel"/></span>
                  </td>
                  <td class="lead-contact">
                    <xsl:if test="string(contact)"><a href="/contacts/{contact_id}"><xsl:value-of select="contact"/></a></xsl:if>
                    <xsl:if test="string(company)">
                      <xsl:if test="string(contact)">, </xsl:if>
                      <a href="/contacts/{company_id}" class="lead-company"><xsl:value-of select="company"/></a>
                    </xsl:if>
                  </td>
                  <td class="nowrap"><xsl:value-of select="phone"/></td>
                  <td><xsl:if test="string(email)"><a href="mailto:{email}"><xsl:value-of select="email"/></a></xsl:if></td>
                  <td><xsl:value-of select="source"/></td>
                  <td class="num nowrap"><xsl:value-of select="budget_shown"/></td>
                  <td><xsl:value-of select="owner"/></td>
                  <td class="lead-tags"><xsl:value-of select="tags"/></td>
                  <td class="nowrap muted"><xsl:value-of select="substring(created_at, 1, 10)"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:if test="@editor = '1' or @exporter = '1' or bulk/list-action">
          <fieldset class="bulk-actions">
            <legend><xsl:value-of select="crm:t('leads.bulk_title')"/></legend>
            <xsl:if test="@editor = '1'">
              <div class="bulk-action">
                <label for="bulk-tag"><xsl:value-of select="crm:t('leads.bulk_tag')"/></label>
                <input type="text" name="tag" id="bulk-tag" maxlength="100" list="lead-tags"/>
                <button type="submit" name="action" value="tag" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('leads.bulk_tag_submit')"/></button>
              </div>
              <div class="bulk-action">
                <label for="bulk-manager"><xsl:value-of select="crm:t('leads.bulk_manager')"/></label>
                <select name="manager" id="bulk-manager">
                  <xsl:for-each select="bulk/user"><option value="{@id}"><xsl:value-of select="."/></option></xsl:for-each>
                </select>
                <button type="submit" name="action" value="manager" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('leads.bulk_manager_submit')"/></button>
              </div>
              <div class="bulk-action">
                <label for="bulk-status"><xsl:value-of select="crm:t('leads.bulk_status')"/></label>
                <select name="status" id="bulk-status">
                  <xsl:for-each select="bulk/status"><option value="{@id}"><xsl:value-of select="."/></option></xsl:for-each>
                </select>
                <label for="bulk-reason" class="visually-hidden"><xsl:value-of select="crm:t('leads.reason')"/></label>
                <select name="reason" id="bulk-reason">
                  <option value=""><xsl:value-of select="crm:t('leads.reason_if_disqualified')"/></option>
                  <xsl:for-each select="bulk/reason"><option value="{@id}"><xsl:value-of select="."/></option></xsl:for-each>
                </select>
                <button type="submit" name="action" value="status" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('leads.bulk_status_submit')"/></button>
              </div>
            </xsl:if>
            <div class="bulk-action">
              <xsl:if test="@exporter = '1'">
                <button type="submit" name="action" value="export" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('leads.bulk_export')"/></button>
              </xsl:if>
              <xsl:for-each select="bulk/list-action">
                <button type="submit" formaction="{@url}" class="btn btn-secondary btn-small" data-action="{@name}"><xsl:value-of select="crm:t(string(@title))"/></button>
              </xsl:for-each>
              <xsl:if test="@editor = '1'">
                <button type="submit" name="action" value="delete" class="btn btn-danger-outline btn-small"><xsl:value-of select="crm:t('leads.bulk_delete')"/></button>
              </xsl:if>
            </div>
          </fieldset>
        </xsl:if>
      </form>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="leads/@filtered = '1'">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('leads.none_match')"/></p>
        <p class="empty-action"><a class="btn btn-secondary" href="/leads"><xsl:value-of select="crm:t('leads.clear_filters')"/></a></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('leads.empty_title')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('leads.empty_hint')"/></p>
        <xsl:if test="@editor = '1'">
          <p class="empty-action"><a class="btn btn-primary" href="/leads/new"><xsl:value-of select="crm:t('leads.new_title')"/></a></p>
        </xsl:if>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
