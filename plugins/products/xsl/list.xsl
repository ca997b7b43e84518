<?xml version="1.0" encoding="UTF-8"?>
<!-- /products: the filters and the catalog's list, a page at a time. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='products.list']/content">
  <xsl:if test="@editor = '1'">
    <div class="actions page-actions">
      <a class="btn btn-primary" href="/products/new"><xsl:value-of select="crm:t('products.new_product')"/></a>
      <a class="btn btn-secondary" href="/products/new?kind=service"><xsl:value-of select="crm:t('products.new_service')"/></a>
      <a class="btn btn-ghost products-import" href="/import/product"><xsl:value-of select="crm:t('products.import_button')"/></a>
    </div>
  </xsl:if>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="products/product">
      <div class="table-wrap">
        <table class="list products">
          <thead><tr>
            <th><xsl:value-of select="crm:t('products.name')"/></th>
            <th><xsl:value-of select="crm:t('products.sku')"/></th>
            <th><xsl:value-of select="crm:t('products.kind')"/></th>
            <th><xsl:value-of select="crm:t('products.unit')"/></th>
            <th class="num"><xsl:value-of select="crm:t('products.price')"/></th>
            <th><xsl:value-of select="crm:t('products.tax')"/></th>
          </tr></thead>
          <tbody>
            <xsl:variable name="archived" select="crm:t('products.archived_badge')"/>
            <xsl:for-each select="products/product">
              <tr class="product" data-id="{id}" data-kind="{kind}" data-active="{active}">
                <td class="product-name">
                  <a href="/products/{id}"><xsl:value-of select="name"/></a>
                  <xsl:if test="active = '0'"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="$archived"/></span></xsl:if>
                </td>
                <td class="product-sku"><xsl:value-of select="sku"/></td>
                <td><xsl:value-of select="crm:t(concat('products.kind.', kind))"/></td>
                <td><xsl:value-of select="unit"/></td>
                <td class="num nowrap product-price" data-price="{price}"><xsl:value-of select="price_text"/><xsl:text> </xsl:text><xsl:value-of select="currency"/></td>
                <td><xsl:value-of select="crm:t(concat('products.tax.', tax))"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="products/@filtered = '1'">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('products.none_match')"/></p>
        <p class="empty-action"><a class="btn btn-secondary" href="/products"><xsl:value-of select="crm:t('products.clear_filters')"/></a></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('products.empty_title')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('products.empty_hint')"/></p>
        <xsl:if test="@editor = '1'">
          <p class="empty-action"><a class="btn btn-primary" href="/products/new"><xsl:value-of select="crm:t('products.new_product')"/></a></p>
        </xsl:if>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
