<?xml version="1.0" encoding="UTF-8"?>
<!-- /products/{id}: a product's card with its tags, custom fields, files and history;
     other plugins' panels follow (layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="products.or-dash">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string($value)"><xsl:value-of select="$value"/></xsl:when>
    <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="page[@view='products.card']/content">
  <xsl:variable name="p" select="product"/>
  <div class="product-card" data-id="{$p/id}" data-kind="{$p/kind}">
    <section class="card product-main">
      <header class="card-head">
        <h2 class="card-title">
          <xsl:value-of select="$p/name"/>
          <xsl:text> </xsl:text>
          <span class="badge"><xsl:value-of select="crm:t(concat('products.kind.', $p/kind))"/></span>
          <xsl:if test="$p/active = '0'">
            <xsl:text> </xsl:text><span class="badge badge-warn product-archived"><xsl:value-of select="crm:t('products.archived_badge')"/></span>
          </xsl:if>
        </h2>
        <xsl:if test="$p/@writable = '1'">
          <div class="actions">
            <a class="btn btn-primary btn-small" href="/products/{$p/id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
            <a class="btn btn-danger-outline btn-small" href="/products/{$p/id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
          </div>
        </xsl:if>
      </header>
      <dl class="props product-props">
        <div class="prop"><dt><xsl:value-of select="crm:t('products.price')"/></dt>
          <dd class="product-price" data-price="{$p/price}"><xsl:value-of select="$p/price_text"/><xsl:text> </xsl:text><xsl:value-of select="$p/currency"/>
            <xsl:if test="string($p/unit)"><span class="muted"><xsl:text> / </xsl:text><xsl:value-of select="$p/unit"/></span></xsl:if>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.sku')"/></dt>
          <dd class="product-sku"><xsl:call-template name="products.or-dash"><xsl:with-param name="value" select="$p/sku"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.unit')"/></dt>
          <dd class="product-unit"><xsl:call-template name="products.or-dash"><xsl:with-param name="value" select="$p/unit"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.tax')"/></dt>
          <dd class="product-tax"><xsl:value-of select="crm:t(concat('products.tax.', $p/tax))"/></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.status')"/></dt>
          <dd class="product-status">
            <xsl:choose>
              <xsl:when test="$p/active = '1'"><xsl:value-of select="crm:t('products.status.active')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="crm:t('products.status.archived')"/></xsl:otherwise>
            </xsl:choose>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.added_by')"/></dt>
          <dd><xsl:call-template name="products.or-dash"><xsl:with-param name="value" select="$p/owner"/></xsl:call-template></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('products.created')"/></dt><dd><xsl:value-of select="$p/created_at"/></dd></div>
      </dl>
      <xsl:if test="string($p/description)">
        <p class="product-description"><xsl:value-of select="$p/description"/></p>
      </xsl:if>
      <xsl:apply-templates select="$p/tags"/>
      <xsl:apply-templates select="$p/custom-fields"/>
    </section>
    <xsl:apply-templates select="$p/files"/>
    <xsl:apply-templates select="$p/history"/>
  </div>
  <p><a href="/products">← <xsl:value-of select="crm:t('products.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
