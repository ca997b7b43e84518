<?xml version="1.0" encoding="UTF-8"?>
<!-- Confirmations and their outcomes: deleting one contact (or the refusal a subscriber
     gave), merging two, deleting the ticked ones. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='contacts.delete' or @view='contacts.merge']/content">
  <div class="narrow">
    <xsl:apply-templates select="confirm | merge"/>
    <xsl:for-each select="vetoed">
      <section class="card confirm vetoed" role="alert">
        <div class="confirm-icon" aria-hidden="true">!</div>
        <div class="confirm-body">
          <p class="confirm-question"><xsl:value-of select="crm:t('contacts.refused')"/></p>
          <p class="confirm-subject"><xsl:value-of select="@name"/></p>
          <p class="veto-reason"><xsl:value-of select="."/></p>
          <p><a class="btn btn-secondary" href="/contacts/{@id}"><xsl:value-of select="crm:t('contacts.back_to_card')"/></a></p>
        </div>
      </section>
    </xsl:for-each>
  </div>
</xsl:template>

<xsl:template match="page[@view='contacts.merge']/content/merge">
  <section class="card confirm">
    <div class="confirm-icon" aria-hidden="true">!</div>
    <div class="confirm-body">
      <p class="confirm-question"><xsl:value-of select="crm:t('contacts.merge_question')"/></p>
      <p class="confirm-subject">
        <a href="/contacts/{@from}"><xsl:value-of select="@from_name"/></a>
        <xsl:text> → </xsl:text>
        <a href="/contacts/{@into}"><xsl:value-of select="@into_name"/></a>
      </p>
      <p class="muted"><xsl:value-of select="crm:t('contacts.merge_hint')"/></p>
      <xsl:apply-templates select="form"/>
    </div>
  </section>
</xsl:template>

<xsl:template match="page[@view='contacts.bulk_delete']/content">
  <div class="narrow">
    <section class="card confirm">
      <div class="confirm-icon" aria-hidden="true">!</div>
      <div class="confirm-body">
        <p class="confirm-question"><xsl:value-of select="crm:t('contacts.bulk_delete_question')"/></p>
        <xsl:apply-templates select="form"/>
      </div>
    </section>
  </div>
</xsl:template>

<xsl:template match="page[@view='contacts.bulk_delete']//form/doomed">
  <ul class="doomed">
    <xsl:for-each select="contact">
      <li data-id="{@id}"><xsl:value-of select="."/></li>
    </xsl:for-each>
  </ul>
</xsl:template>

<xsl:template match="page[@view='contacts.bulk_result']/content">
  <div class="narrow">
    <section class="card vetoed" role="alert">
      <p><xsl:value-of select="crm:t('contacts.bulk_deleted_count')"/><xsl:text> </xsl:text><strong class="deleted-count"><xsl:value-of select="kept/@deleted"/></strong></p>
      <p><xsl:value-of select="crm:t('contacts.bulk_kept')"/></p>
      <ul class="kept">
        <xsl:for-each select="kept/contact">
          <li data-id="{@id}"><a href="/contacts/{@id}"><xsl:value-of select="."/></a>: <span class="veto-reason"><xsl:value-of select="@reason"/></span></li>
        </xsl:for-each>
      </ul>
      <p><a class="btn btn-secondary" href="{kept/@back}"><xsl:value-of select="crm:t('contacts.back_to_list')"/></a></p>
    </section>
  </div>
</xsl:template>

</xsl:stylesheet>
