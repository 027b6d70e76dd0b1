"""The admin-fee bound (rules.fees.check_admin_fees): fees / total cost between 5 % and 10 %,
bounds included, and the allowed amounts C·5/95 rounded up and C·10/90 rounded down."""

from decimal import Decimal

import pytest

from convention_manager.rules.fees import check_admin_fees

D = Decimal


def test_ca2c_fees_6_67_percent_in_range():
    check = check_admin_fees(D("22500"), D("1500"))
    assert str(check.rate) == "6.67"
    assert check.in_range
    assert (check.fees, check.total_cost) == (D("1500"), D("22500"))
    assert (str(check.minimum), str(check.maximum)) == ("1105.27", "2333.33")


@pytest.mark.parametrize(
    "total_cost, fees, in_range, rate",
    [
        pytest.param("20000", "1000", True, "5.00", id="exactly-5pc-included"),
        pytest.param("20000", "2000", True, "10.00", id="exactly-10pc-included"),
        pytest.param("19999.99", "999.99", False, "5.00", id="one-cent-under-5pc"),
        pytest.param("20000.01", "1000.00", False, "5.00", id="5pc-of-a-cent-more-cost"),
        pytest.param("20000.01", "2000.01", False, "10.00", id="one-cent-over-10pc"),
        pytest.param("20000.01", "1000.01", True, "5.00", id="one-cent-over-5pc"),
        pytest.param("22105.27", "1105.27", True, "5.00", id="minimum-for-21000"),
        pytest.param("22105.26", "1105.26", False, "5.00", id="minimum-minus-a-cent"),
        pytest.param("23333.33", "2333.33", True, "10.00", id="maximum-for-21000"),
        pytest.param("23333.34", "2333.34", False, "10.00", id="maximum-plus-a-cent"),
        pytest.param("176550", "17550", True, "9.94", id="haut-rhin-illustrative"),
        pytest.param("24000", "3000", False, "12.50", id="too-high"),
        pytest.param("20000", "0", False, "0.00", id="zero-fees"),
        pytest.param("0", "0", False, "0.00", id="zero-cost"),
    ],
)
def test_rate_compared_exactly_with_bounds_included(total_cost, fees, in_range, rate):
    check = check_admin_fees(D(total_cost), D(fees))
    assert check.in_range is in_range
    assert str(check.rate) == rate


@pytest.mark.parametrize(
    "other_costs, minimum, maximum",
    [
        pytest.param("21000", "1105.27", "2333.33", id="ca2c-21000"),
        pytest.param("19000", "1000.00", "2111.11", id="19000-exact-minimum"),
        pytest.param("18000", "947.37", "2000.00", id="18000-exact-maximum"),
        pytest.param("9500", "500.00", "1055.55", id="9500-floor-not-round"),
        pytest.param("0", "0.00", "0.00", id="nothing"),
    ],
)
def test_allowed_amounts_lower_rounded_up_upper_rounded_down(other_costs, minimum, maximum):
    # The allowed amounts depend only on the other costs C = total - fees.
    for fees in ("0", "1500", "5000"):
        check = check_admin_fees(D(other_costs) + D(fees), D(fees))
        assert (str(check.minimum), str(check.maximum)) == (minimum, maximum)
