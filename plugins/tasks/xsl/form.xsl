<?xml version="1.0" encoding="UTF-8"?>
<!-- The task form (new, edit, and the one for ticked contacts): the linked record, and the
     due time as a preset or a date; the theme's widgets draw the other fields. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='tasks.form']/content">
  <xsl:if test="string(task/@id)">
    <p><a href="/tasks/{task/@id}">← <xsl:value-of select="task/@title"/></a></p>
  </xsl:if>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='tasks.form']//form/record-box">
  <fieldset class="task-record-box">
    <legend><xsl:value-of select="crm:t('tasks.record_legend')"/></legend>
    <div class="task-record-fields">
      <xsl:apply-templates select="field"/>
    </div>
  </fieldset>
</xsl:template>

<!-- Presets count days from the user's today; "on the date" takes the date field. -->
<xsl:template match="page[@view='tasks.form' or @view='tasks.bulk']//form/due-box">
  <fieldset class="task-due-box">
    <legend><xsl:value-of select="crm:t('tasks.due')"/></legend>
    <div class="due-presets">
      <xsl:for-each select="preset">
        <label class="due-preset" for="task-due-{@value}">
          <input type="radio" name="due" value="{@value}" id="task-due-{@value}" data-date="{@date}">
            <xsl:if test="@value = ../@value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <xsl:text> </xsl:text>
          <xsl:value-of select="crm:t(concat('tasks.preset_', @value))"/>
        </label>
      </xsl:for-each>
    </div>
    <div class="due-fields">
      <xsl:apply-templates select="field"/>
    </div>
  </fieldset>
</xsl:template>

<xsl:template match="page[@view='tasks.bulk']/content">
  <section class="card task-bulk-who">
    <p><xsl:value-of select="crm:t('tasks.bulk_for')"/><xsl:text> </xsl:text><strong class="bulk-count"><xsl:value-of select="contacts/@count"/></strong></p>
    <ul class="bulk-contacts">
      <xsl:for-each select="contacts/contact">
        <li data-id="{@id}"><xsl:value-of select="."/></li>
      </xsl:for-each>
    </ul>
  </section>
  <xsl:apply-templates select="form"/>
</xsl:template>

<xsl:template match="page[@view='tasks.bulk_refused']/content">
  <div class="narrow">
    <section class="card vetoed" role="alert">
      <p class="bulk-refused"><xsl:value-of select="crm:t(string(refused))"/></p>
      <p><a class="btn btn-secondary" href="{refused/@back}"><xsl:value-of select="crm:t('tasks.back')"/></a></p>
    </section>
  </div>
</xsl:template>

<xsl:template match="page[@view='tasks.delete']/content">
  <div class="narrow"><xsl:apply-templates select="confirm"/></div>
</xsl:template>

</xsl:stylesheet>
