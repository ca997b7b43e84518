<?xml version="1.0" encoding="UTF-8"?>
<!-- The event form (new and edit): dates in the user's zone, participants kept or
     typed, readers of a restricted event; the theme's widgets draw the fields. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='events.new' or @view='events.edit']/content">
  <xsl:if test="string(event/@id)">
    <p><a href="/events/{event/@id}">← <xsl:value-of select="event/@name"/></a></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='events.new' or @view='events.edit']//form/when">
  <fieldset class="event-when">
    <legend><xsl:value-of select="crm:t('events.when')"/></legend>
    <p class="field-hint"><xsl:value-of select="crm:t('events.tz_note')"/><xsl:text> </xsl:text><xsl:value-of select="@tz"/></p>
    <div class="field-row">
      <xsl:apply-templates select="field"/>
    </div>
  </fieldset>
</xsl:template>

<xsl:template match="page[@view='events.new' or @view='events.edit']//form/participants">
  <fieldset class="event-participants">
    <legend><xsl:value-of select="crm:t('events.participants')"/></legend>
    <xsl:if test="participant">
      <div class="participant-list">
        <xsl:for-each select="participant">
          <div class="check">
            <input type="checkbox" name="participant" value="{@id}" id="participant-{@id}" checked="checked"/>
            <label for="participant-{@id}"><xsl:value-of select="."/>
              <xsl:if test="string(@company)"><span class="muted"><xsl:text>, </xsl:text><xsl:value-of select="@company"/></span></xsl:if>
            </label>
          </div>
        </xsl:for-each>
      </div>
      <p class="field-hint"><xsl:value-of select="crm:t('events.untick_to_remove')"/></p>
    </xsl:if>
    <xsl:if test="@hidden &gt; 0">
      <p class="muted participants-hidden"><xsl:value-of select="crm:t('events.participants_hidden')"/><xsl:text> </xsl:text><xsl:value-of select="@hidden"/></p>
    </xsl:if>
    <xsl:apply-templates select="field"/>
  </fieldset>
</xsl:template>

<xsl:template match="page[@view='events.new' or @view='events.edit']//form/readers">
  <fieldset class="event-readers">
    <xsl:if test="string(@error)"><xsl:attribute name="class">event-readers has-error</xsl:attribute></xsl:if>
    <legend><xsl:value-of select="crm:t('events.readers')"/></legend>
    <p class="field-hint"><xsl:value-of select="crm:t('events.readers_hint')"/></p>
    <xsl:if test="string(@error)"><p class="field-error"><xsl:value-of select="crm:t(string(@error))"/></p></xsl:if>
    <div class="manager-list">
      <xsl:for-each select="user">
        <div class="check">
          <input type="checkbox" name="reader" value="{@id}" id="reader-{@id}">
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="reader-{@id}"><xsl:value-of select="."/></label>
        </div>
      </xsl:for-each>
    </div>
  </fieldset>
</xsl:template>

</xsl:stylesheet>
