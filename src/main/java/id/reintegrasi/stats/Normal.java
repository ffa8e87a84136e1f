package id.reintegrasi.stats;

/**
 * The standard normal distribution: distribution function, two-sided p-value and quantile.
 *
 * <p>{@link #cdf} follows W. J. Cody's rational Chebyshev approximations (ANORM, ACM Algorithm
 * 715, 1993; the same scheme as R's {@code pnorm}), which give about 16 significant digits of
 * each tail, so small p-values keep their relative precision. {@link #quantile} is P. J.
 * Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step against
 * {@link #cdf}, which brings it to full double precision.
 */
public final class Normal {

  /** The two-sided 95% critical value, quantile(0.975). */
  public static final double Z95 = 1.959963984540054;

  private static final double SQRT_2PI = 2.5066282746310002; // sqrt(2 pi)
  private static final double INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)
  private static final double SQRT_32 = 5.656854249492380; // sqrt(32), Cody's third region
  private static final double THRESHOLD = 0.66291; // Cody's first region

  // Cody (1993), ANORM: |z| <= 0.66291.
  private static final double[] A = {
    2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
    18154.981253343561249, 0.065682337918207449113
  };
  private static final double[] B = {
    47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956
  };
  // Cody (1993), ANORM: 0.66291 < |z| <= sqrt(32).
  private static final double[] C = {
    0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
    597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
    11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8
  };
  private static final double[] D = {
    22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
    6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
    38912.003286093271411, 19685.429676859990727
  };
  // Cody (1993), ANORM: |z| > sqrt(32).
  private static final double[] P = {
    0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
    0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303
  };
  private static final double[] Q = {
    1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
    0.00378239633202758244, 7.29751555083966205e-5
  };

  // Acklam (2003), rational approximation of the normal quantile.
  private static final double[] ACKLAM_A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
  };
  private static final double[] ACKLAM_B = {
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01
  };
  private static final double[] ACKLAM_C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
  };
  private static final double[] ACKLAM_D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };
  private static final double ACKLAM_P_LOW = 0.02425;

  private Normal() {}

  /** P(Z <= z) for a standard normal Z. NaN gives NaN; -inf gives 0 and +inf gives 1. */
  public static double cdf(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    if (z <= 0) {
      return lowerTail(z);
    }
    // By symmetry; the absolute error stays near 1e-16 (upper-tail precision: twoSidedP).
    return 1.0 - lowerTail(-z);
  }

  /** P(|Z| >= |z|) = 2 * cdf(-|z|): the two-sided p-value of a z statistic. NaN gives NaN. */
  public static double twoSidedP(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    // 2 * lower tail keeps full relative precision for small p (no 1 - x cancellation).
    return Math.min(1.0, 2.0 * lowerTail(-Math.abs(z)));
  }

  /**
   * The z with cdf(z) = p. p = 0 gives -inf, p = 1 gives +inf, NaN gives NaN.
   *
   * @throws IllegalArgumentException when p is outside [0, 1]
   */
  public static double quantile(double p) {
    if (Double.isNaN(p)) {
      return Double.NaN;
    }
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException(
          "Cannot take the normal quantile of " + p + ", it is not in [0, 1]");
    }
    if (p > 0.5) {
      // 1 - p is exact for p in [0.5, 1] (Sterbenz), so the symmetry costs no precision and
      // the refinement below always works on the accurate lower tail.
      return -quantile(1.0 - p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 0.5) {
      return 0.0;
    }
    double x;
    if (p < ACKLAM_P_LOW) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((ACKLAM_C[0] * q + ACKLAM_C[1]) * q + ACKLAM_C[2]) * q + ACKLAM_C[3]) * q
              + ACKLAM_C[4]) * q + ACKLAM_C[5])
          / ((((ACKLAM_D[0] * q + ACKLAM_D[1]) * q + ACKLAM_D[2]) * q + ACKLAM_D[3]) * q + 1);
    } else {
      double q = p - 0.5;
      double r = q * q;
      x = (((((ACKLAM_A[0] * r + ACKLAM_A[1]) * r + ACKLAM_A[2]) * r + ACKLAM_A[3]) * r
              + ACKLAM_A[4]) * r + ACKLAM_A[5]) * q
          / (((((ACKLAM_B[0] * r + ACKLAM_B[1]) * r + ACKLAM_B[2]) * r + ACKLAM_B[3]) * r
              + ACKLAM_B[4]) * r + 1);
    }
    // One Halley step (Acklam): e = cdf(x) - p, u = e * sqrt(2 pi) * exp(x^2 / 2),
    // x <- x - u / (1 + x u / 2).
    double e = lowerTail(x) - p;
    double u = e * SQRT_2PI * Math.exp(x * x / 2);
    return x - u / (1 + x * u / 2);
  }

  /** P(Z <= z) for z <= 0, by Cody's three regions. */
  private static double lowerTail(double z) {
    double y = Math.abs(z);
    if (!(y < 40)) {
      // Phi(-40) is below the smallest double; also keeps z = -inf out of the arithmetic.
      return 0.0;
    }
    if (y <= THRESHOLD) {
      // Region 1: cdf(z) = 0.5 + z R(z^2), R rational of degree 4/4.
      double zsq = z * z;
      double num = A[4] * zsq;
      double den = zsq;
      for (int i = 0; i < 3; i++) {
        num = (num + A[i]) * zsq;
        den = (den + B[i]) * zsq;
      }
      return 0.5 + z * (num + A[3]) / (den + B[3]);
    }
    double tail;
    if (y <= SQRT_32) {
      // Region 2: tail = exp(-y^2/2) R(y), R rational of degree 8/8.
      double num = C[8] * y;
      double den = y;
      for (int i = 0; i < 7; i++) {
        num = (num + C[i]) * y;
        den = (den + D[i]) * y;
      }
      tail = (num + C[7]) / (den + D[7]);
    } else {
      // Region 3: tail = exp(-y^2/2) / y * (1/sqrt(2 pi) - R(1/y^2) / y^2).
      double xsq = 1 / (y * y);
      double num = P[5] * xsq;
      double den = xsq;
      for (int i = 0; i < 4; i++) {
        num = (num + P[i]) * xsq;
        den = (den + Q[i]) * xsq;
      }
      double r = xsq * (num + P[4]) / (den + Q[4]);
      tail = (INV_SQRT_2PI - r) / y;
    }
    // exp(-y^2/2) split as exp(-s^2/2) exp(-(y-s)(y+s)/2) with s = y rounded down to 1/16,
    // so that y^2 is not rounded before exponentiation (Cody).
    double s = Math.floor(y * 16) / 16;
    double del = (y - s) * (y + s);
    return Math.exp(-s * s * 0.5) * Math.exp(-del * 0.5) * tail;
  }
}
