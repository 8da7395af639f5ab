package org.satupintu.application.workflow;

/**
 * Billing codes tellers key in: digits only, ending in a Luhn check digit, so a mistyped digit or two swapped
 * neighbours is caught before a payment is booked against the wrong bill.
 */
public final class BillingCodes {

    private BillingCodes() {
    }

    /** The code of a serial: two digits of the year, the serial on ten digits, the check digit. */
    public static String of(int year, long serial) {
        String body = String.format("%02d%010d", Math.floorMod(year, 100), serial);
        return body + checkDigit(body);
    }

    public static boolean valid(String code) {
        if (code.length() < 2 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return checkDigit(code.substring(0, code.length() - 1)) == code.charAt(code.length() - 1) - '0';
    }

    static int checkDigit(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }
}
