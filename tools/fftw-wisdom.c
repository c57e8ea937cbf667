/* Prints FFTW wisdom for kalm's transform sizes: 256 to 16384 points, real to complex and
   back, out of place, FFTW_PATIENT | FFTW_DESTROY_INPUT, as RealFFT plans them. Run by
   tools/fftw-wisdom, which writes Sources/KalmDSP/FFTWisdom.swift. */
#include <fftw3.h>
#include <stdio.h>
int main(void) {
    for (int n = 256; n <= 16384; n *= 2) {
        float *r = fftwf_alloc_real(n);
        fftwf_complex *c = fftwf_alloc_complex(n / 2 + 1);
        unsigned flags = FFTW_PATIENT | FFTW_DESTROY_INPUT;
        fftwf_destroy_plan(fftwf_plan_dft_r2c_1d(n, r, c, flags));
        fftwf_destroy_plan(fftwf_plan_dft_c2r_1d(n, c, r, flags));
        fftwf_free(r);
        fftwf_free(c);
        fprintf(stderr, "planned %d\n", n);
    }
    char *w = fftwf_export_wisdom_to_string();
    fputs(w, stdout);
    fftwf_free(w);
    return 0;
}
