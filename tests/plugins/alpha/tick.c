/* alpha's periodic job: a row per run, so tests can see when and where it ran. */
#include <unistd.h>
#include <crm/crm.h>

int alpha_tick(crm_req *r)
{
	/* A run that takes a while: without the job lock, another host's pass would overlap it. */
	usleep(400 * 1000);
	return crm_db_exec(r, "INSERT INTO alpha_tick (pid) VALUES (?)", "i", (int64_t)getpid()) < 0 ? CRM_EDB : 0;
}
