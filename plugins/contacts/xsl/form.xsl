<?xml version="1.0" encoding="UTF-8"?>
<!-- The contact form (new and edit): repeated items, managers, and the duplicates found
     with their choices; the theme's widgets draw the fields themselves. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='contacts.new' or @view='contacts.edit']/content">
  <xsl:variable name="c" select="contact"/>
  <xsl:choose>
    <xsl:when test="string($c/@id)">
      <p><a href="/contacts/{$c/@id}">← <xsl:value-of select="$c/@name"/></a></p>
    </xsl:when>
    <xsl:otherwise>
      <nav class="actions kind-switch" aria-label="{crm:t('contacts.kind')}">
        <a href="/contacts/new?kind=person">
          <xsl:attribute name="class">btn btn-small <xsl:choose><xsl:when test="$c/@kind = 'person'">btn-primary</xsl:when><xsl:otherwise>btn-secondary</xsl:otherwise></xsl:choose></xsl:attribute>
          <xsl:value-of select="crm:t('contacts.kind.person')"/>
        </a>
        <a href="/contacts/new?kind=company">
          <xsl:attribute name="class">btn btn-small <xsl:choose><xsl:when test="$c/@kind = 'company'">btn-primary</xsl:when><xsl:otherwise>btn-secondary</xsl:otherwise></xsl:choose></xsl:attribute>
          <xsl:value-of select="crm:t('contacts.kind.company')"/>
        </a>
      </nav>
    </xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="form"/>
</xsl:template>

<!-- Emails, phones, links, addresses: one row per item, the value and its kind. -->
<xsl:template match="page[@view='contacts.new' or @view='contacts.edit']//form/items">
  <fieldset class="contact-items items-{@name}">
    <legend>
      <xsl:choose>
        <xsl:when test="@name = 'address'"><xsl:value-of select="crm:t('contacts.addresses_list')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="crm:t(concat('contacts.', @name, 's_list'))"/></xsl:otherwise>
      </xsl:choose>
    </legend>
    <xsl:for-each select="item">
      <div class="item-row">
        <xsl:apply-templates select="field"/>
      </div>
    </xsl:for-each>
    <p class="field-hint"><xsl:value-of select="crm:t('contacts.items_hint')"/></p>
  </fieldset>
</xsl:template>

<xsl:template match="page[@view='contacts.new' or @view='contacts.edit']//form/managers">
  <fieldset class="contact-managers">
    <legend><xsl:value-of select="crm:t('contacts.managers')"/></legend>
    <p class="field-hint"><xsl:value-of select="crm:t('contacts.managers_hint')"/></p>
    <div class="manager-list">
      <xsl:for-each select="user">
        <div class="check">
          <input type="checkbox" name="manager" value="{@id}" id="manager-{@id}">
            <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="manager-{@id}"><xsl:value-of select="."/></label>
        </div>
      </xsl:for-each>
    </div>
  </fieldset>
</xsl:template>

<!-- Contacts with the same email or phone: open one, merge into it, or go on. -->
<xsl:template match="page[@view='contacts.new' or @view='contacts.edit']//form/duplicates">
  <!-- Enter still saves: the form's first button is the ordinary one. -->
  <button type="submit" name="then" value="card" class="visually-hidden" tabindex="-1" aria-hidden="true"><xsl:value-of select="crm:t('core.save')"/></button>
  <section class="duplicates" role="alert">
    <h3><xsl:value-of select="crm:t('contacts.duplicates_title')"/></h3>
    <p><xsl:value-of select="crm:t('contacts.duplicates_hint')"/></p>
    <table class="list duplicates-list">
      <tbody>
        <xsl:for-each select="duplicate">
          <tr class="duplicate" data-id="{id}">
            <td><a href="/contacts/{id}" target="_blank" rel="noopener"><xsl:value-of select="name"/></a>
              <xsl:if test="string(company)"><span class="muted"><xsl:text>, </xsl:text><xsl:value-of select="company"/></span></xsl:if>
            </td>
            <td class="actions">
              <a class="btn btn-secondary btn-small" href="/contacts/{id}" target="_blank" rel="noopener"><xsl:value-of select="crm:t('contacts.dup_open')"/></a>
              <button type="submit" name="merge_into" value="{id}" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('contacts.dup_merge')"/></button>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p>
      <button type="submit" name="dup_ok" value="1" class="btn btn-primary">
        <xsl:choose>
          <xsl:when test="string(@from)"><xsl:value-of select="crm:t('contacts.dup_save_anyway')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="crm:t('contacts.dup_create_anyway')"/></xsl:otherwise>
        </xsl:choose>
      </button>
    </p>
  </section>
</xsl:template>

</xsl:stylesheet>
