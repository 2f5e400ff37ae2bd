/*
 * Plain C first-fit-decreasing for vector bin packing, the baseline of ffd-speed.ts.
 * Same algorithm as headroom's `ffd`: order by decreasing L2 norm of size/capacity (ties by
 * index), then each item into the lowest-numbered bin with room in every dimension, scanning
 * all bins (the naive scan). Input on stdin: d, C_1..C_d, n, then n lines of d sizes.
 * Output: "<bins> <milliseconds>" (the time covers sorting and packing, not reading).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double *key;

static int by_key(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  if (key[i] > key[j]) return -1;
  if (key[i] < key[j]) return 1;
  return i - j;
}

int main(void) {
  int d, n;
  if (scanf("%d", &d) != 1) return 1;
  double *cap = malloc(sizeof(double) * d);
  for (int k = 0; k < d; k++) if (scanf("%lf", &cap[k]) != 1) return 1;
  if (scanf("%d", &n) != 1) return 1;
  double *size = malloc(sizeof(double) * n * d);
  for (int i = 0; i < n * d; i++) if (scanf("%lf", &size[i]) != 1) return 1;

  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  key = malloc(sizeof(double) * n);
  int *order = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) {
    double sum = 0;
    for (int k = 0; k < d; k++) {
      double f = size[i * d + k] / cap[k];
      sum += f * f;
    }
    key[i] = sqrt(sum);
    order[i] = i;
  }
  qsort(order, n, sizeof(int), by_key);
  double *residual = malloc(sizeof(double) * n * d);
  int bins = 0;
  for (int p = 0; p < n; p++) {
    const double *s = &size[order[p] * d];
    int chosen = -1;
    for (int b = 0; b < bins && chosen < 0; b++) {
      int k = 0;
      while (k < d && residual[b * d + k] >= s[k]) k++;
      if (k == d) chosen = b;
    }
    if (chosen < 0) {
      chosen = bins++;
      for (int k = 0; k < d; k++) residual[chosen * d + k] = cap[k];
    }
    for (int k = 0; k < d; k++) residual[chosen * d + k] -= s[k];
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double ms = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
  printf("%d %.1f\n", bins, ms);
  return 0;
}
