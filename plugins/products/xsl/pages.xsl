<?xml version="1.0" encoding="UTF-8"?>
<!-- Deleting a product: the confirmation, or the refusal a subscriber gave. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='products.delete']/content">
  <div class="narrow">
    <xsl:apply-templates select="confirm"/>
    <xsl:for-each select="vetoed">
      <section class="card confirm vetoed" role="alert">
        <div class="confirm-icon" aria-hidden="true">!</div>
        <div class="confirm-body">
          <p class="confirm-question"><xsl:value-of select="crm:t('products.refused')"/></p>
          <p class="confirm-subject"><xsl:value-of select="@name"/></p>
          <p class="veto-reason"><xsl:value-of select="."/></p>
          <p><a class="btn btn-secondary" href="/products/{@id}"><xsl:value-of select="crm:t('products.back_to_card')"/></a></p>
        </div>
      </section>
    </xsl:for-each>
  </div>
</xsl:template>

</xsl:stylesheet>
