<?xml version="1.0" encoding="UTF-8"?>
<!-- /admin/export: what "export all data" gives, and the download. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='admin.export']/content">
  <xsl:apply-templates select="tabs"/>
  <section class="card admin-export">
    <header class="card-head"><h2 class="card-title"><xsl:value-of select="crm:t('import.export_all')"/></h2></header>
    <p><xsl:value-of select="crm:t('import.export_all_hint')"/></p>
    <div class="actions">
      <a class="btn btn-primary" href="{export/@href}" download=""><xsl:value-of select="crm:t('import.export_download')"/></a>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
