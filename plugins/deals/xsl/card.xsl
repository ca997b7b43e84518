<?xml version="1.0" encoding="UTF-8"?>
<!-- /deals/{id}: a deal's card with its stage changed in place, the contact and product
     read live, tags, custom fields, files and history; other plugins' panels follow
     (layout.xsl). Also the deals panel this plugin puts on the contact card. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="deals.or-dash">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string($value)"><xsl:value-of select="$value"/></xsl:when>
    <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='deals.card']/content">
  <xsl:variable name="d" select="deal"/>
  <div class="deal-card" data-id="{$d/id}" data-stage="{$d/stage_id}">
    <section class="card deal-main">
      <header class="card-head">
        <h2 class="card-title">
          <xsl:value-of select="$d/name"/>
          <xsl:text> </xsl:text>
          <span class="badge badge-{$d/stage_kind} deal-stage"><xsl:value-of select="$d/stage_label"/></span>
        </h2>
        <xsl:if test="$d/@writable = '1'">
          <div class="actions">
            <a class="btn btn-primary btn-small" href="/deals/{$d/id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
            <a class="btn btn-danger-outline btn-small" href="/deals/{$d/id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
          </div>
        </xsl:if>
      </header>
      <xsl:apply-templates select="$d/form"/>
      <dl class="props deal-props">
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.contact')"/></dt>
          <dd class="deal-contact">
            <xsl:choose>
              <xsl:when test="$d/contact[@name]">
                <a href="{$d/contact/@url}"><xsl:value-of select="$d/contact/@name"/></a>
                <xsl:if test="string($d/contact/@company)">
                  <xsl:text>, </xsl:text><a href="/contacts/{$d/contact/@company_id}"><xsl:value-of select="$d/contact/@company"/></a>
                </xsl:if>
                <xsl:if test="string($d/contact/@phone)">
                  <div class="muted"><xsl:value-of select="$d/contact/@phone"/></div>
                </xsl:if>
                <xsl:if test="string($d/contact/@email)">
                  <div><a href="mailto:{$d/contact/@email}"><xsl:value-of select="$d/contact/@email"/></a></div>
                </xsl:if>
              </xsl:when>
              <xsl:when test="$d/contact"><span class="muted"><xsl:value-of select="crm:t('deals.contact_hidden')"/></span></xsl:when>
              <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
            </xsl:choose>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.budget')"/></dt>
          <dd class="deal-money">
            <xsl:call-template name="deals.or-dash"><xsl:with-param name="value" select="$d/money"/></xsl:call-template>
            <xsl:if test="string($d/money)">
              <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="crm:t(concat('deals.type.', $d/amount_type))"/></span>
            </xsl:if>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.probability')"/></dt>
          <dd class="deal-probability"><xsl:value-of select="$d/probability"/>%</dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.close_date')"/></dt>
          <dd><xsl:call-template name="deals.or-dash"><xsl:with-param name="value" select="$d/close_date"/></xsl:call-template></dd></div>
        <xsl:if test="$d/product">
          <div class="prop"><dt><xsl:value-of select="crm:t('deals.product')"/></dt>
            <dd class="deal-product">
              <xsl:choose>
                <xsl:when test="$d/product/@name"><a href="/products/{$d/product/@id}"><xsl:value-of select="$d/product/@name"/></a></xsl:when>
                <xsl:otherwise><span class="muted"><xsl:value-of select="crm:t('deals.product_hidden')"/></span></xsl:otherwise>
              </xsl:choose>
            </dd></div>
        </xsl:if>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.owner')"/></dt>
          <dd class="deal-owner"><xsl:value-of select="$d/owner"/></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.visibility')"/></dt>
          <dd class="deal-visibility"><xsl:value-of select="crm:t(concat('deals.vis.', $d/visibility))"/>
            <xsl:if test="$d/visibility = 'restricted' and string($d/readers)">
              <xsl:text>: </xsl:text><span class="deal-readers"><xsl:value-of select="$d/readers"/></span>
            </xsl:if>
          </dd></div>
        <xsl:if test="string($d/@lead_url)">
          <div class="prop"><dt><xsl:value-of select="crm:t('deals.lead')"/></dt>
            <dd><a class="deal-lead" href="{$d/@lead_url}"><xsl:value-of select="crm:t('deals.lead_open')"/></a></dd></div>
        </xsl:if>
        <div class="prop"><dt><xsl:value-of select="crm:t('deals.created')"/></dt><dd><xsl:value-of select="$d/created_at"/></dd></div>
      </dl>
      <xsl:if test="string($d/description)">
        <p class="deal-description"><xsl:value-of select="$d/description"/></p>
      </xsl:if>
      <xsl:apply-templates select="$d/tags"/>
      <xsl:apply-templates select="$d/custom-fields"/>
    </section>
    <xsl:apply-templates select="$d/files"/>
    <xsl:apply-templates select="$d/history"/>
  </div>
  <p><a href="/deals">← <xsl:value-of select="crm:t('deals.back_to_list')"/></a></p>
</xsl:template>

<!-- The contact card's panel: the contact's deals and a new one for it. -->
<xsl:template match="page/panel/contact-deals">
  <xsl:choose>
    <xsl:when test="deal">
      <ul class="contact-deals">
        <xsl:for-each select="deal">
          <li class="contact-deal" data-id="{@id}">
            <a href="/deals/{@id}"><xsl:value-of select="."/></a>
            <xsl:text> </xsl:text>
            <span class="badge badge-{@kind}"><xsl:value-of select="@stage"/></span>
            <xsl:if test="string(@money)"><xsl:text> </xsl:text><span class="nowrap"><xsl:value-of select="@money"/></span></xsl:if>
            <xsl:if test="string(@close_date)"><xsl:text> · </xsl:text><span class="muted"><xsl:value-of select="@close_date"/></span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="string(@all)">
        <p><a href="{@all}"><xsl:value-of select="crm:t('deals.panel_all')"/></a></p>
      </xsl:if>
    </xsl:when>
    <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('deals.panel_none')"/></p></xsl:otherwise>
  </xsl:choose>
  <xsl:if test="string(@new)">
    <p><a class="btn btn-secondary btn-small deals-new-for-contact" href="{@new}"><xsl:value-of select="crm:t('deals.panel_new')"/></a></p>
  </xsl:if>
</xsl:template>

</xsl:stylesheet>
