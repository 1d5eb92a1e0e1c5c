/*
 * pipe: work on items 0, 1, 2, … in worker threads while the caller uses
 * the results in the same order (see priv.h).
 *
 * Workers take the items in order, so the item the caller waits for next
 * is always the oldest one taken.  A worker takes the next item only while
 * fewer than `window` items are taken and not yet released by the caller,
 * and while their cost stays within the budget, so memory is bounded
 * however far the workers could run ahead.  One item is always allowed,
 * whatever its cost, or a large one could never start.
 */
#include "priv.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct tg_pipe {
	void (*work)(void *arg, size_t i);
	void *arg;
	const size_t *cost;
	size_t n, budget, window;
	pthread_mutex_t mu;
	pthread_cond_t more;        /* an item was released, or stop */
	pthread_cond_t done_cv;     /* an item was done */
	size_t next;                /* the next item to take */
	size_t released;            /* items before this were released */
	size_t inflight;            /* the cost of taken, unreleased items */
	bool *done;
	bool stop;
	pthread_t *threads;
	int nthreads;
};

static bool may_take(const struct tg_pipe *p)
{
	if (p->next == p->n || p->stop)
		return false;
	if (p->next == p->released)
		return true;
	size_t c = p->cost ? p->cost[p->next] : 0;
	return p->next - p->released < p->window && p->inflight + c <= p->budget;
}

static void *worker(void *u)
{
	struct tg_pipe *p = u;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next < p->n && !may_take(p))
			pthread_cond_wait(&p->more, &p->mu);
		if (p->stop || p->next == p->n)
			break;
		size_t i = p->next++;
		p->inflight += p->cost ? p->cost[i] : 0;
		pthread_mutex_unlock(&p->mu);
		p->work(p->arg, i);
		pthread_mutex_lock(&p->mu);
		p->done[i] = true;
		pthread_cond_broadcast(&p->done_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int tg_pipe_threads(void)
{
	const char *env = getenv("TRYGG_THREADS");
	char *end;
	long n = env && *env ? strtol(env, &end, 10) : -1;
	if (!env || !*env || *end || n < 0)       /* unset, or not a count */
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 0 ? 0 : n > 16 ? 16 : (int)n;
}

struct tg_pipe *tg_pipe_start(size_t n, void (*work)(void *arg, size_t i), void *arg,
			      const size_t *cost, size_t budget, int threads)
{
	struct tg_pipe *p = xcalloc(1, sizeof *p);
	p->work = work;
	p->arg = arg;
	p->cost = cost;
	p->n = n;
	p->budget = budget;
	p->done = xcalloc(n + 1, sizeof *p->done);
	if (threads > 0 && (size_t)threads > n)
		threads = (int)n;
	p->window = 2 * (size_t)(threads > 0 ? threads : 1) + 2;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	p->threads = xcalloc((size_t)(threads > 0 ? threads : 1), sizeof *p->threads);
	for (int t = 0; t < threads; t++) {
		if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) != 0)
			break;      /* fewer threads, or none: tg_pipe_wait works inline */
		p->nthreads++;
	}
	return p;
}

void tg_pipe_wait(struct tg_pipe *p, size_t i)
{
	pthread_mutex_lock(&p->mu);
	if (!p->nthreads && p->next == i) {     /* no workers: do it here */
		p->next++;
		pthread_mutex_unlock(&p->mu);
		p->work(p->arg, i);
		pthread_mutex_lock(&p->mu);
		p->done[i] = true;
	}
	while (!p->done[i])
		pthread_cond_wait(&p->done_cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void tg_pipe_release(struct tg_pipe *p, size_t i)
{
	pthread_mutex_lock(&p->mu);
	p->released = i + 1;
	p->inflight -= p->cost ? p->cost[i] : 0;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
}

void tg_pipe_end(struct tg_pipe *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
	for (int t = 0; t < p->nthreads; t++)
		pthread_join(p->threads[t], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->done_cv);
	free(p->threads);
	free(p->done);
	free(p);
}
