<?xml version="1.0" encoding="UTF-8"?>
<!-- /leads/{id}: the lead's card: its statuses to move along (qualify, disqualify), the
     next step, the contact and company as the contacts plugin shows them now, tags,
     custom fields, files and history; other plugins' tabs follow (layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="leads.or-dash">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string($value)"><xsl:value-of select="$value"/></xsl:when>
    <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A linked contact: its name and what the contacts plugin says of it now. -->
<xsl:template name="leads.contact">
  <xsl:param name="c"/>
  <xsl:choose>
    <xsl:when test="not($c)"><span class="muted">—</span></xsl:when>
    <xsl:when test="$c/@missing = '1'"><span class="muted lead-contact-missing"><xsl:value-of select="crm:t('leads.contact_unavailable')"/></span></xsl:when>
    <xsl:otherwise>
      <a href="{$c/@url}" class="lead-{local-name($c)}"><xsl:value-of select="$c"/></a>
      <xsl:if test="string($c/@phone)"><xsl:text> · </xsl:text><span class="nowrap"><xsl:value-of select="$c/@phone"/></span></xsl:if>
      <xsl:if test="string($c/@email)"><xsl:text> · </xsl:text><a href="mailto:{$c/@email}"><xsl:value-of select="$c/@email"/></a></xsl:if>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='leads.card']/content">
  <xsl:variable name="l" select="lead"/>
  <div class="lead-card" data-id="{$l/id}" data-status="{$l/status_id}" data-kind="{$l/status_kind}">
    <section class="card lead-main">
      <header class="card-head">
        <h2 class="card-title">
          <xsl:value-of select="$l/name"/>
          <xsl:text> </xsl:text>
          <span class="badge badge-{$l/status_kind} lead-status"><xsl:value-of select="$l/status"/></span>
        </h2>
        <xsl:if test="$l/@writable = '1'">
          <div class="actions">
            <a class="btn btn-primary btn-small" href="/leads/{$l/id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
            <a class="btn btn-danger-outline btn-small" href="/leads/{$l/id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
          </div>
        </xsl:if>
      </header>
      <ol class="lead-statuses" aria-label="{crm:t('leads.status')}">
        <xsl:for-each select="$l/statuses/status">
          <li class="lead-step lead-step-{@kind}">
            <xsl:if test="@current = '1'"><xsl:attribute name="class">lead-step lead-step-<xsl:value-of select="@kind"/> current</xsl:attribute><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="@current = '1' or not($l/@writable = '1')"><span><xsl:value-of select="."/></span></xsl:when>
              <xsl:when test="@kind = 'disqualified'">
                <a class="btn btn-danger-outline btn-small" href="/leads/{$l/id}/disqualify?to={@id}"><xsl:value-of select="."/></a>
              </xsl:when>
              <xsl:otherwise>
                <form method="post" action="/leads/{$l/id}/status" class="inline">
                  <input type="hidden" name="csrf" value="{/page/csrf}"/>
                  <button type="submit" name="to" value="{@id}">
                    <xsl:attribute name="class">btn btn-small <xsl:choose><xsl:when test="@kind = 'qualified'">btn-primary</xsl:when><xsl:otherwise>btn-secondary</xsl:otherwise></xsl:choose></xsl:attribute>
                    <xsl:value-of select="."/>
                  </button>
                </form>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
      <dl class="props lead-props">
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.next_step')"/></dt>
          <dd class="lead-next">
            <xsl:for-each select="$l/next">
              <xsl:choose>
                <xsl:when test="@kind = 'task'">
                  <a href="{@url}" class="lead-next-task"><xsl:value-of select="@title"/></a>
                  <xsl:text> — </xsl:text><span class="nowrap lead-next-date"><xsl:value-of select="@due"/></span>
                </xsl:when>
                <xsl:otherwise>
                  <span class="muted"><xsl:value-of select="crm:t('leads.last_change')"/><xsl:text> </xsl:text></span>
                  <span class="nowrap lead-next-date"><xsl:value-of select="@at"/></span>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </dd>
        </div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.funnel')"/></dt><dd class="lead-funnel"><xsl:value-of select="$l/funnel"/></dd></div>
        <xsl:if test="$l/status_kind = 'disqualified'">
          <div class="prop"><dt><xsl:value-of select="crm:t('leads.reason')"/></dt>
            <dd class="lead-reason"><xsl:call-template name="leads.or-dash"><xsl:with-param name="value" select="$l/reason"/></xsl:call-template></dd></div>
        </xsl:if>
        <xsl:if test="$l/deal">
          <div class="prop"><dt><xsl:value-of select="crm:t('leads.deal')"/></dt>
            <dd><xsl:for-each select="$l/deal"><a class="lead-deal" href="{@url}"><xsl:value-of select="crm:t('leads.deal_open')"/> #<xsl:value-of select="@id"/></a><xsl:text> </xsl:text></xsl:for-each></dd></div>
        </xsl:if>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.contact')"/></dt>
          <dd><xsl:call-template name="leads.contact"><xsl:with-param name="c" select="$l/contact"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.company')"/></dt>
          <dd><xsl:call-template name="leads.contact"><xsl:with-param name="c" select="$l/company"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.phone')"/></dt>
          <dd class="lead-phone">
            <xsl:choose>
              <xsl:when test="string($l/phone)"><a href="tel:{$l/phone_e164}" data-e164="{$l/phone_e164}"><xsl:value-of select="$l/phone"/></a></xsl:when>
              <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
            </xsl:choose>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.email')"/></dt>
          <dd class="lead-email">
            <xsl:choose>
              <xsl:when test="string($l/email)"><a href="mailto:{$l/email}"><xsl:value-of select="$l/email"/></a></xsl:when>
              <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
            </xsl:choose>
          </dd></div>
        <xsl:if test="$l/product">
          <div class="prop"><dt><xsl:value-of select="crm:t('leads.product')"/></dt>
            <dd class="lead-product">
              <xsl:choose>
                <xsl:when test="$l/product/@missing = '1'"><span class="muted"><xsl:value-of select="crm:t('leads.product_unavailable')"/></span></xsl:when>
                <xsl:otherwise><a href="/products/{$l/product/@id}"><xsl:value-of select="$l/product"/></a></xsl:otherwise>
              </xsl:choose>
            </dd></div>
        </xsl:if>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.source')"/></dt>
          <dd class="lead-source"><xsl:call-template name="leads.or-dash"><xsl:with-param name="value" select="$l/source"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.budget')"/></dt>
          <dd class="lead-budget"><xsl:call-template name="leads.or-dash"><xsl:with-param name="value" select="$l/budget_shown"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.owner')"/></dt>
          <dd><span class="lead-owner"><xsl:value-of select="$l/owner"/></span>
            <xsl:if test="string($l/managers)"><xsl:text>; </xsl:text><span class="lead-managers"><xsl:value-of select="$l/managers"/></span></xsl:if>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.visibility')"/></dt>
          <dd class="lead-visibility"><xsl:value-of select="crm:t(concat('leads.vis.', $l/visibility))"/></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('leads.created')"/></dt><dd><xsl:value-of select="$l/created_at"/></dd></div>
      </dl>
      <xsl:if test="string($l/description)">
        <p class="lead-description"><xsl:value-of select="$l/description"/></p>
      </xsl:if>
      <xsl:apply-templates select="$l/tags"/>
      <xsl:apply-templates select="$l/custom-fields"/>
    </section>
    <xsl:apply-templates select="$l/files"/>
    <xsl:apply-templates select="$l/history"/>
  </div>
  <p><a href="/leads">← <xsl:value-of select="crm:t('leads.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
