<?xml version="1.0" encoding="UTF-8"?>
<!-- /deals: the filters, the list with its ticks and the bulk actions under it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<!-- The buttons above the deals' pages: new, board or list, export, stages. -->
<xsl:template name="deals.actions">
  <xsl:param name="view"/>
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/deals/new"><xsl:value-of select="crm:t('deals.new_title')"/></a>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$view = 'board'">
        <a class="btn btn-secondary deals-to-list" href="{@list}"><xsl:value-of select="crm:t('deals.as_list')"/></a>
      </xsl:when>
      <xsl:otherwise>
        <a class="btn btn-secondary deals-to-board" href="{@board}"><xsl:value-of select="crm:t('deals.as_board')"/></a>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@exporter = '1' and deals/deal">
      <a class="btn btn-ghost deals-export" href="{deals/@export}"><xsl:value-of select="crm:t('deals.export_all')"/></a>
    </xsl:if>
    <xsl:if test="@admin = '1'">
      <a class="btn btn-ghost" href="/deals/stages"><xsl:value-of select="crm:t('deals.stages_title')"/></a>
    </xsl:if>
  </div>
</xsl:template>

<xsl:template match="page[@view='deals.list']/content">
  <xsl:call-template name="deals.actions"/>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="deals/deal">
      <form method="post" action="/deals/bulk" class="deals-bulk" id="bulk" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="back" value="{/page/@path}"/>
        <div class="table-wrap">
          <table class="list deals">
            <thead><tr>
              <th class="tick"><span class="visually-hidden"><xsl:value-of select="crm:t('deals.tick')"/></span></th>
              <th><xsl:value-of select="crm:t('deals.name')"/></th>
              <th><xsl:value-of select="crm:t('deals.contact')"/></th>
              <th><xsl:value-of select="crm:t('deals.stage')"/></th>
              <th class="num"><xsl:value-of select="crm:t('deals.probability_short')"/></th>
              <th class="num"><xsl:value-of select="crm:t('deals.budget')"/></th>
              <th><xsl:value-of select="crm:t('deals.close_date')"/></th>
              <th><xsl:value-of select="crm:t('deals.owner')"/></th>
              <th><xsl:value-of select="crm:t('deals.tags')"/></th>
            </tr></thead>
            <tbody>
              <xsl:variable name="tick" select="crm:t('deals.tick')"/>
              <xsl:for-each select="deals/deal">
                <tr class="deal" data-id="{id}" data-stage="{stage_id}" data-visibility="{visibility}">
                  <td class="tick">
                    <input type="checkbox" name="id" value="{id}" id="tick-{id}" aria-label="{$tick} {name}"/>
                  </td>
                  <td class="deal-name"><a href="/deals/{id}"><xsl:value-of select="name"/></a></td>
                  <td class="deal-contact">
                    <xsl:if test="string(contact)"><a href="/contacts/{contact_id}"><xsl:value-of select="contact"/></a></xsl:if>
                  </td>
                  <td><span class="badge badge-{stage_kind}"><xsl:value-of select="stage_label"/></span></td>
                  <td class="num"><xsl:value-of select="probability"/>%</td>
                  <td class="num nowrap deal-money">
                    <xsl:value-of select="money"/>
                    <xsl:if test="string(money) and amount_type != 'fixed'">
                      <xsl:text> </xsl:text><xsl:value-of select="crm:t(concat('deals.per.', amount_type))"/>
                    </xsl:if>
                  </td>
                  <td class="nowrap"><xsl:value-of select="close_date"/></td>
                  <td><xsl:value-of select="owner"/></td>
                  <td class="deal-tags"><xsl:value-of select="tags"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:if test="@editor = '1' or @exporter = '1' or bulk/list-action">
          <fieldset class="bulk-actions">
            <legend><xsl:value-of select="crm:t('deals.bulk_title')"/></legend>
            <xsl:if test="@editor = '1'">
              <div class="bulk-action">
                <label for="bulk-tag"><xsl:value-of select="crm:t('deals.bulk_tag')"/></label>
                <input type="text" name="tag" id="bulk-tag" maxlength="100"/>
                <button type="submit" name="action" value="tag" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('deals.bulk_tag_submit')"/></button>
              </div>
              <div class="bulk-action">
                <label for="bulk-stage"><xsl:value-of select="crm:t('deals.bulk_stage')"/></label>
                <select name="stage" id="bulk-stage">
                  <xsl:for-each select="bulk/stage">
                    <option value="{@id}"><xsl:value-of select="."/></option>
                  </xsl:for-each>
                </select>
                <button type="submit" name="action" value="stage" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('deals.bulk_stage_submit')"/></button>
              </div>
              <div class="bulk-action">
                <label for="bulk-manager"><xsl:value-of select="crm:t('deals.bulk_owner')"/></label>
                <select name="manager" id="bulk-manager">
                  <xsl:for-each select="bulk/user">
                    <option value="{@id}"><xsl:value-of select="."/></option>
                  </xsl:for-each>
                </select>
                <button type="submit" name="action" value="manager" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('deals.bulk_owner_submit')"/></button>
              </div>
            </xsl:if>
            <div class="bulk-action">
              <xsl:if test="@exporter = '1'">
                <button type="submit" name="action" value="export" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('deals.bulk_export')"/></button>
              </xsl:if>
              <xsl:for-each select="bulk/list-action">
                <button type="submit" formaction="{@url}" class="btn btn-secondary btn-small" data-action="{@name}"><xsl:value-of select="crm:t(string(@title))"/></button>
              </xsl:for-each>
              <xsl:if test="@editor = '1'">
                <button type="submit" name="action" value="delete" class="btn btn-danger-outline btn-small"><xsl:value-of select="crm:t('deals.bulk_delete')"/></button>
              </xsl:if>
            </div>
          </fieldset>
        </xsl:if>
      </form>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="deals/@filtered = '1'">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('deals.none_match')"/></p>
        <p class="empty-action">
          <xsl:if test="string(deals/@new) and @editor = '1'">
            <a class="btn btn-primary" href="{deals/@new}"><xsl:value-of select="crm:t('deals.new_title')"/></a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <a class="btn btn-secondary" href="/deals"><xsl:value-of select="crm:t('deals.clear_filters')"/></a>
        </p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('deals.empty_title')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('deals.empty_hint')"/></p>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
