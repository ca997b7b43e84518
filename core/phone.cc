// The shim over libphonenumber: parse and format numbers for core/phone.c. Nothing
// C++ crosses the boundary: no exception escapes, results go into the caller's buffer.
#include <cstring>
#include <string>
#include <phonenumbers/phonenumberutil.h>
#include "phone-lib.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Longer input is not a phone number; it also bounds the library's work.
static const size_t MAX_TYPED = 128;

// The library's own singleton checks a plain bool outside its lock; a function-local
// static (initialised once, thread-safe) makes only the first call reach it.
static const PhoneNumberUtil &util()
{
	static const PhoneNumberUtil *const instance = PhoneNumberUtil::GetInstance();
	return *instance;
}

// "00" dials abroad in most of the world, but the library knows only the region's own
// prefix (Russia's is 810): "007 912 ..." would read as a national number.
static std::string international_zeros(const char *typed)
{
	std::string s(typed);
	size_t i = s.find_first_not_of(" \t\r\n(");
	if (i != std::string::npos && s.compare(i, 2, "00") == 0 && s.find('+') == std::string::npos)
		s.replace(i, 2, "+");
	return s;
}

// "ru" and "RU" alike; "" when region is not two letters.
static std::string region_code(const char *region)
{
	if (!region || std::strlen(region) != 2)
		return "";
	std::string s(region);
	for (char &c : s)
		c = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	return s;
}

extern "C" int phone_lib_region_ok(const char *region)
{
	try {
		std::string reg = region_code(region);
		return !reg.empty() && util().GetCountryCodeForRegion(reg) != 0;
	} catch (...) {
		return 0;
	}
}

extern "C" int phone_lib_format(const char *typed, const char *region, int pretty, char *out,
				size_t outlen)
{
	if (!typed || !region || !out || !outlen || std::strlen(typed) > MAX_TYPED)
		return -1;
	try {
		const PhoneNumberUtil &u = util();
		// An unknown region still reads numbers written with "+".
		std::string reg = phone_lib_region_ok(region) ? region_code(region) : "ZZ";
		PhoneNumber n;
		if (u.Parse(international_zeros(typed), reg, &n) != PhoneNumberUtil::NO_PARSING_ERROR ||
		    !u.IsPossibleNumber(n))
			return -1;
		std::string s;
		u.Format(n, pretty ? PhoneNumberUtil::INTERNATIONAL : PhoneNumberUtil::E164, &s);
		if (s.empty() || s.size() >= outlen)
			return -1;
		std::memcpy(out, s.c_str(), s.size() + 1);
		return 0;
	} catch (...) {
		return -1;
	}
}
