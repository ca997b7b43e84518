/* Where crm_log writes. */
#ifndef CRM_LOG_H
#define CRM_LOG_H

/* Append to path (line-buffered); stderr until called or when it fails. */
void crm_log_open(const char *path);
void crm_log_close(void);

#endif
