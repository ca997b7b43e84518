<?xml version="1.0" encoding="UTF-8"?>
<!-- The web form "Contacts from site": the admins' list and form with the code to paste
     into a site (an HTML form and a small script, shown as text), and the pages a plain
     post from that site gets back. The code is written here as HTML and turned into text
     by the "webform.src" templates, so every value in it is escaped once, here. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" xmlns:lx="http://xmlsoft.org/XSLT/namespace"
  extension-element-prefixes="crm lx" exclude-result-prefixes="crm lx">

<!-- ===== the list ===== -->

<xsl:template match="page[@view='contacts.webforms']/content">
  <xsl:call-template name="contacts.tabs"/>
  <p class="muted"><xsl:value-of select="crm:t('contacts.webforms_hint')"/></p>
  <xsl:choose>
    <xsl:when test="webforms/webform">
      <div class="actions">
        <a class="btn btn-primary" href="/contacts/webforms/new"><xsl:value-of select="crm:t('contacts.webform_new')"/></a>
      </div>
      <div class="table-wrap">
        <table class="list webforms">
          <thead><tr>
            <th><xsl:value-of select="crm:t('contacts.webform_name')"/></th>
            <th><xsl:value-of select="crm:t('contacts.webform_manager')"/></th>
            <th><xsl:value-of select="crm:t('contacts.webform_submitted')"/></th>
            <th><xsl:value-of select="crm:t('contacts.webform_status')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="webforms/webform">
              <tr data-webform="{id}">
                <td><a href="/contacts/webforms/{id}"><xsl:value-of select="name"/></a></td>
                <td><xsl:value-of select="manager"/></td>
                <td><xsl:value-of select="submitted"/></td>
                <td><xsl:call-template name="webform.status"><xsl:with-param name="active" select="active"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:apply-templates select="empty"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="webform.status">
  <xsl:param name="active"/>
  <xsl:choose>
    <xsl:when test="$active = '1'"><span class="badge badge-ok"><xsl:value-of select="crm:t('contacts.webform_status_on')"/></span></xsl:when>
    <xsl:otherwise><span class="badge"><xsl:value-of select="crm:t('contacts.webform_status_off')"/></span></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- ===== a form: its settings, its code, its deletion ===== -->

<xsl:template match="page[@view='contacts.webform_edit']/content">
  <xsl:variable name="w" select="webform"/>
  <xsl:if test="string($w/@id)">
    <section class="card">
      <header class="card-head">
        <h2 class="card-title"><xsl:value-of select="$w/@name"/></h2>
        <div class="actions">
          <xsl:call-template name="webform.status"><xsl:with-param name="active" select="$w/@active"/></xsl:call-template>
          <a class="btn btn-danger-outline btn-small" href="/contacts/webforms/{$w/@id}/delete"><xsl:value-of select="crm:t('contacts.webform_delete')"/></a>
        </div>
      </header>
      <h3><xsl:value-of select="crm:t('contacts.webform_snippet')"/></h3>
      <p class="muted"><xsl:value-of select="crm:t('contacts.webform_snippet_hint')"/></p>
      <xsl:variable name="code">
        <xsl:apply-templates select="$w/snippet" mode="webform.html"/>
      </xsl:variable>
      <textarea class="webform-snippet" readonly="readonly" rows="18" spellcheck="false"
                aria-label="{crm:t('contacts.webform_snippet')}">
        <xsl:apply-templates select="lx:node-set($code)/node()" mode="webform.src"/>
      </textarea>
      <p class="muted">
        <xsl:value-of select="crm:t('contacts.webform_url')"/><xsl:text>: </xsl:text>
        <code class="webform-url"><xsl:value-of select="$w/snippet/@action"/></code>
      </p>
    </section>
    <h2><xsl:value-of select="crm:t('contacts.webform_settings')"/></h2>
  </xsl:if>
  <xsl:apply-templates select="$w/form"/>
  <p><a href="/contacts/webforms">← <xsl:value-of select="crm:t('contacts.webforms_back')"/></a></p>
</xsl:template>

<xsl:template match="page[@view='contacts.webform_delete']/content">
  <xsl:apply-templates select="confirm"/>
</xsl:template>

<!-- The code for the site, as HTML: the fields the form asks, a honeypot field people
     never see, the time stamp the script fetches, and the script that posts the form
     and shows the answer. Without the script the form has no stamp and is refused. -->
<xsl:template match="snippet" mode="webform.html">
  <form class="crm-webform" action="{@action}" method="post" accept-charset="UTF-8" data-stamp="{@stamp}"
        data-error="{crm:t('contacts.webform_network_error')}">
    <xsl:for-each select="input">
      <p>
        <label>
          <xsl:value-of select="crm:t(string(@label))"/>
          <xsl:if test="@required = '1'"> *</xsl:if>
          <br/>
          <xsl:choose>
            <xsl:when test="@type = 'textarea'">
              <textarea name="{@name}" rows="4">
                <xsl:if test="@required = '1'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
              </textarea>
            </xsl:when>
            <xsl:otherwise>
              <input type="{@type}" name="{@name}" maxlength="{@maxlength}">
                <xsl:if test="@required = '1'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
              </input>
            </xsl:otherwise>
          </xsl:choose>
        </label>
      </p>
    </xsl:for-each>
    <div style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" aria-hidden="true">
      <input type="text" name="website" tabindex="-1" autocomplete="off"/>
    </div>
    <input type="hidden" name="_ts" value=""/>
    <p><button type="submit"><xsl:value-of select="crm:t('contacts.webform_send')"/></button></p>
    <p class="crm-webform-result" role="status"></p>
  </form>
  <script>
<xsl:text>(function () {
  var f = document.currentScript.previousElementSibling;
  var out = f.querySelector('.crm-webform-result');
  function stamp() {
    fetch(f.getAttribute('data-stamp')).then(function (r) { return r.json(); })
      .then(function (j) { f.elements._ts.value = j.stamp || ''; });
  }
  stamp();
  f.addEventListener('submit', function (e) {
    e.preventDefault();
    out.textContent = '';
    fetch(f.action, {method: 'POST', headers: {'Accept': 'application/json'},
                     body: new URLSearchParams(new FormData(f))})
      .then(function (r) { return r.json(); })
      .then(function (j) {
        var text = j.message || '';
        for (var k in j.fields || {}) { text += ' ' + j.fields[k]; }
        out.textContent = text;
        if (j.ok) { f.reset(); stamp(); }
      })
      .catch(function () { out.textContent = f.getAttribute('data-error'); });
  });
})();
</xsl:text>
  </script>
</xsl:template>

<!-- HTML as text: elements, attributes and text escaped; script kept as it is. -->
<xsl:template match="*" mode="webform.src">
  <xsl:param name="indent" select="''"/>
  <xsl:if test="$indent != '' or preceding-sibling::*">
    <xsl:text>&#10;</xsl:text><xsl:value-of select="$indent"/>
  </xsl:if>
  <xsl:text>&lt;</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:for-each select="@*">
    <xsl:text> </xsl:text><xsl:value-of select="local-name()"/><xsl:text>="</xsl:text>
    <xsl:call-template name="webform.escape"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:for-each>
  <xsl:text>&gt;</xsl:text>
  <xsl:if test="not(local-name() = 'input' or local-name() = 'br')">
    <xsl:choose>
      <xsl:when test="local-name() = 'script'">
        <xsl:text>&#10;</xsl:text><xsl:value-of select="."/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="webform.src">
          <xsl:with-param name="indent" select="concat($indent, '  ')"/>
        </xsl:apply-templates>
        <xsl:if test="*"><xsl:text>&#10;</xsl:text><xsl:value-of select="$indent"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&lt;/</xsl:text><xsl:value-of select="local-name()"/><xsl:text>&gt;</xsl:text>
  </xsl:if>
</xsl:template>

<xsl:template match="text()" mode="webform.src">
  <xsl:call-template name="webform.escape"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
</xsl:template>

<!-- s with &, <, > and " written as character references. -->
<xsl:template name="webform.escape">
  <xsl:param name="s"/>
  <xsl:variable name="amp">
    <xsl:call-template name="webform.replace">
      <xsl:with-param name="s" select="$s"/><xsl:with-param name="from" select="'&amp;'"/><xsl:with-param name="to" select="'&amp;amp;'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="lt">
    <xsl:call-template name="webform.replace">
      <xsl:with-param name="s" select="$amp"/><xsl:with-param name="from" select="'&lt;'"/><xsl:with-param name="to" select="'&amp;lt;'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="gt">
    <xsl:call-template name="webform.replace">
      <xsl:with-param name="s" select="$lt"/><xsl:with-param name="from" select="'&gt;'"/><xsl:with-param name="to" select="'&amp;gt;'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:call-template name="webform.replace">
    <xsl:with-param name="s" select="$gt"/><xsl:with-param name="from" select="'&quot;'"/><xsl:with-param name="to" select="'&amp;quot;'"/>
  </xsl:call-template>
</xsl:template>

<xsl:template name="webform.replace">
  <xsl:param name="s"/>
  <xsl:param name="from"/>
  <xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($s, $from)">
      <xsl:value-of select="substring-before($s, $from)"/><xsl:value-of select="$to"/>
      <xsl:call-template name="webform.replace">
        <xsl:with-param name="s" select="substring-after($s, $from)"/><xsl:with-param name="from" select="$from"/><xsl:with-param name="to" select="$to"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- ===== what a plain post from the site gets back ===== -->

<xsl:template match="page[@view='contacts.webform_thanks']/content">
  <section class="card">
    <p><xsl:value-of select="crm:t('contacts.webform_thanks')"/></p>
  </section>
</xsl:template>

<xsl:template match="page[@view='contacts.webform_invalid']/content">
  <section class="card">
    <p class="form-error" role="alert"><xsl:value-of select="crm:t('contacts.webform_invalid')"/></p>
    <ul class="webform-errors">
      <xsl:for-each select="errors/error">
        <li data-field="{@field}">
          <xsl:variable name="label" select="concat('contacts.webform_f_', @field)"/>
          <xsl:if test="crm:t($label) != $label">
            <strong><xsl:value-of select="crm:t($label)"/></strong><xsl:text>: </xsl:text>
          </xsl:if>
          <xsl:value-of select="crm:t(string(.))"/>
        </li>
      </xsl:for-each>
    </ul>
    <p class="muted"><xsl:value-of select="crm:t('contacts.webform_back')"/></p>
  </section>
</xsl:template>

</xsl:stylesheet>
