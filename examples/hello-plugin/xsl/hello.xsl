<?xml version="1.0" encoding="UTF-8"?>
<!-- The hello page. A plugin's templates match only its own views; texts come from
     its catalogs through crm:t, and every value-of is escaped by XSLT itself. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='hello.index']/content">
  <section class="card hello">
    <header class="card-head">
      <h2 class="card-title hello-greeting">
        <xsl:value-of select="crm:t('hello.greeting')"/>
        <xsl:text>, </xsl:text>
        <xsl:choose>
          <xsl:when test="name"><xsl:value-of select="name"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="crm:t('hello.world')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>!</xsl:text>
      </h2>
    </header>
    <p class="hello-count">
      <xsl:value-of select="crm:t('hello.count')"/>
      <xsl:text>: </xsl:text>
      <strong><xsl:value-of select="count"/></strong>
    </p>
    <xsl:if test="greetings/greeting">
      <ul class="hello-list">
        <xsl:for-each select="greetings/greeting">
          <li><xsl:value-of select="text"/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <!-- The theme's widgets (empty state, forms, cards) render elements the handler adds. -->
    <xsl:apply-templates select="empty"/>
  </section>
</xsl:template>

</xsl:stylesheet>
