<?xml version="1.0" encoding="UTF-8"?>
<!-- /contacts/{id}: a contact's card with its photo, items, company or people, tags,
     custom fields, files and history; other plugins' panels follow (layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template name="contacts.kind-label">
  <xsl:param name="prefix"/>
  <span class="item-kind muted"><xsl:value-of select="crm:t(concat($prefix, @kind))"/></span>
</xsl:template>

<xsl:template match="page[@view='contacts.card']/content">
  <xsl:variable name="c" select="contact"/>
  <div class="contact-card" data-id="{$c/id}" data-kind="{$c/kind}">
    <section class="card contact-main">
      <header class="card-head">
        <h2 class="card-title">
          <xsl:value-of select="$c/name"/>
          <xsl:text> </xsl:text>
          <span class="badge"><xsl:value-of select="crm:t(concat('contacts.kind.', $c/kind))"/></span>
          <xsl:text> </xsl:text>
          <xsl:call-template name="contacts.public-mark"><xsl:with-param name="vis" select="$c/visibility"/></xsl:call-template>
        </h2>
        <xsl:if test="$c/@writable = '1'">
          <div class="actions">
            <xsl:if test="$c/kind = 'company'">
              <a class="btn btn-secondary btn-small" href="/contacts/new?kind=person&amp;company={$c/id}"><xsl:value-of select="crm:t('contacts.add_person')"/></a>
            </xsl:if>
            <a class="btn btn-primary btn-small" href="/contacts/{$c/id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
            <a class="btn btn-danger-outline btn-small" href="/contacts/{$c/id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
          </div>
        </xsl:if>
      </header>
      <div class="contact-top">
        <xsl:apply-templates select="$c/photo"/>
        <dl class="props contact-props">
          <xsl:if test="$c/kind = 'person'">
            <div class="prop"><dt><xsl:value-of select="crm:t('contacts.company')"/></dt>
              <dd>
                <xsl:choose>
                  <xsl:when test="string($c/company)"><a href="/contacts/{$c/company_id}" class="contact-company"><xsl:value-of select="$c/company"/></a></xsl:when>
                  <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="string($c/job_title)"><xsl:text>, </xsl:text><span class="job-title"><xsl:value-of select="$c/job_title"/></span></xsl:if>
              </dd>
            </div>
          </xsl:if>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.emails_list')"/></dt>
            <dd>
              <xsl:for-each select="$c/email">
                <div class="contact-item"><a href="mailto:{.}"><xsl:value-of select="."/></a><xsl:text> </xsl:text>
                  <xsl:call-template name="contacts.kind-label"><xsl:with-param name="prefix" select="'contacts.email_kind.'"/></xsl:call-template></div>
              </xsl:for-each>
              <xsl:if test="not($c/email)"><span class="muted">—</span></xsl:if>
            </dd>
          </div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.phones_list')"/></dt>
            <dd>
              <xsl:for-each select="$c/phone">
                <div class="contact-item"><a href="tel:{@tel}" data-e164="{@e164}"><xsl:value-of select="."/></a><xsl:text> </xsl:text>
                  <xsl:call-template name="contacts.kind-label"><xsl:with-param name="prefix" select="'contacts.phone_kind.'"/></xsl:call-template></div>
              </xsl:for-each>
              <xsl:if test="not($c/phone)"><span class="muted">—</span></xsl:if>
            </dd>
          </div>
          <xsl:if test="$c/link">
            <div class="prop"><dt><xsl:value-of select="crm:t('contacts.links_list')"/></dt>
              <dd>
                <xsl:for-each select="$c/link">
                  <div class="contact-item">
                    <xsl:choose>
                      <xsl:when test="string(@href)"><a href="{@href}" rel="noopener noreferrer nofollow" target="_blank"><xsl:value-of select="."/></a></xsl:when>
                      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="contacts.kind-label"><xsl:with-param name="prefix" select="'contacts.link_kind.'"/></xsl:call-template>
                  </div>
                </xsl:for-each>
              </dd>
            </div>
          </xsl:if>
          <xsl:if test="$c/address">
            <div class="prop"><dt><xsl:value-of select="crm:t('contacts.addresses_list')"/></dt>
              <dd>
                <xsl:for-each select="$c/address">
                  <div class="contact-item contact-address"><xsl:value-of select="."/><xsl:text> </xsl:text>
                    <xsl:call-template name="contacts.kind-label"><xsl:with-param name="prefix" select="'contacts.address_kind.'"/></xsl:call-template></div>
                </xsl:for-each>
              </dd>
            </div>
          </xsl:if>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.type')"/></dt>
            <dd><xsl:call-template name="contacts.or-dash"><xsl:with-param name="value" select="$c/type"/></xsl:call-template></dd></div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.temperature')"/></dt>
            <dd><xsl:call-template name="contacts.or-dash"><xsl:with-param name="value" select="$c/temperature"/></xsl:call-template></dd></div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.currency')"/></dt><dd><xsl:value-of select="$c/currency"/></dd></div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.owner')"/></dt>
            <dd><span class="contact-owner"><xsl:value-of select="$c/owner"/></span>
              <xsl:if test="string($c/managers)"><xsl:text>; </xsl:text><span class="contact-managers"><xsl:value-of select="$c/managers"/></span></xsl:if>
            </dd></div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.visibility')"/></dt>
            <dd class="contact-visibility"><xsl:value-of select="crm:t(concat('contacts.vis.', $c/visibility))"/></dd></div>
          <div class="prop"><dt><xsl:value-of select="crm:t('contacts.created')"/></dt><dd><xsl:value-of select="$c/created_at"/></dd></div>
        </dl>
      </div>
      <xsl:if test="string($c/description)">
        <p class="contact-description"><xsl:value-of select="$c/description"/></p>
      </xsl:if>
      <xsl:apply-templates select="$c/tags"/>
      <xsl:apply-templates select="$c/custom-fields"/>
    </section>
    <xsl:if test="$c/kind = 'company'">
      <section class="card contact-people">
        <header class="card-head">
          <h2 class="card-title"><xsl:value-of select="crm:t('contacts.people')"/></h2>
        </header>
        <xsl:choose>
          <xsl:when test="$c/people/person">
            <ul class="people-list">
              <xsl:for-each select="$c/people/person">
                <li data-id="{@id}"><a href="/contacts/{@id}"><xsl:value-of select="."/></a>
                  <xsl:if test="string(@job_title)"><span class="muted"><xsl:text>, </xsl:text><xsl:value-of select="@job_title"/></span></xsl:if>
                </li>
              </xsl:for-each>
            </ul>
            <xsl:if test="string($c/people/@more)">
              <p><a href="{$c/people/@more}"><xsl:value-of select="crm:t('contacts.all_people')"/></a></p>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('contacts.no_people')"/></p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
    <xsl:apply-templates select="$c/files"/>
    <xsl:apply-templates select="$c/history"/>
  </div>
  <p><a href="/contacts">← <xsl:value-of select="crm:t('contacts.back_to_list')"/></a></p>
</xsl:template>

<xsl:template name="contacts.or-dash">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="string($value)"><xsl:call-template name="contacts.label"><xsl:with-param name="value" select="$value"/></xsl:call-template></xsl:when>
    <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
