<?xml version="1.0" encoding="UTF-8"?>
<!-- The probe's pages: what the core handed the handler, and one query's result. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='probe.echo']/content">
  <p class="lead" id="probe-method"><xsl:value-of select="crm:t('probe.method')"/>: <xsl:value-of select="method"/></p>
  <section class="card">
    <header class="card-header"><h2><xsl:value-of select="crm:t('probe.query')"/></h2></header>
    <table class="list" id="probe-query">
      <xsl:for-each select="query/item">
        <tr class="probe-query"><th><xsl:value-of select="@name"/></th><td><xsl:value-of select="."/></td></tr>
      </xsl:for-each>
    </table>
  </section>
  <section class="card">
    <header class="card-header"><h2><xsl:value-of select="crm:t('probe.fields')"/></h2></header>
    <table class="list" id="probe-fields">
      <xsl:for-each select="fields/item">
        <tr class="probe-field"><th><xsl:value-of select="@name"/></th><td><xsl:value-of select="."/></td></tr>
      </xsl:for-each>
    </table>
  </section>
  <section class="card">
    <header class="card-header"><h2><xsl:value-of select="crm:t('probe.files')"/></h2></header>
    <table class="list" id="probe-files">
      <xsl:for-each select="files/file">
        <tr class="probe-file">
          <th><xsl:value-of select="@name"/></th>
          <td class="filename"><xsl:value-of select="@filename"/></td>
          <td class="content-type"><xsl:value-of select="@content_type"/></td>
          <td class="length"><xsl:value-of select="@length"/></td>
        </tr>
      </xsl:for-each>
    </table>
  </section>
</xsl:template>

<xsl:template match="page[@view='probe.db']/content">
  <section class="card">
    <header class="card-header"><h2><xsl:value-of select="crm:t('probe.db')"/></h2></header>
    <p id="probe-db"><xsl:value-of select="crm:t('probe.notes')"/>: <span class="notes"><xsl:value-of select="stats/notes"/></span>
      (<span class="db"><xsl:value-of select="stats/db"/></span>)</p>
  </section>
</xsl:template>

<!-- Tries to read a file: the sandbox must make this transform fail. -->
<xsl:template match="page[@view='probe.sandbox']/content">
  <pre id="leak"><xsl:value-of select="document(string(path))"/></pre>
</xsl:template>

</xsl:stylesheet>
