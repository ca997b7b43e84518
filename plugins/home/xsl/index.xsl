<?xml version="1.0" encoding="UTF-8"?>
<!-- The start page: the portal and its modules. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='home.index']/content">
  <p class="lead"><xsl:value-of select="crm:t('home.welcome')"/></p>
  <section class="card">
    <header class="card-header"><h2><xsl:value-of select="crm:t('home.modules')"/></h2></header>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:value-of select="crm:t('home.module')"/></th>
          <th><xsl:value-of select="crm:t('home.schema')"/></th>
          <th><xsl:value-of select="crm:t('home.applied')"/></th>
          <th><xsl:value-of select="crm:t('home.state')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="modules/module">
            <tr>
              <td><xsl:value-of select="plugin"/></td>
              <td><xsl:value-of select="schema_version"/></td>
              <td><xsl:value-of select="applied_at"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="enabled = '1'"><span class="badge badge-ok"><xsl:value-of select="crm:t('core.status_enabled')"/></span></xsl:when>
                  <xsl:otherwise><span class="badge badge-muted"><xsl:value-of select="crm:t('core.status_disabled')"/></span></xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </section>
  <p class="muted"><xsl:value-of select="crm:t('home.tenant')"/>: <xsl:value-of select="tenant"/></p>
</xsl:template>

</xsl:stylesheet>
