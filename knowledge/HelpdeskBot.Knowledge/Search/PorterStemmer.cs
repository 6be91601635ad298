namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The Porter (1980) stemmer, as SQLite's FTS5 <c>porter</c> tokenizer applies it, so the query side can reason about
/// the same word stems the index holds ("connecting", "connected", "connection" → "connect").
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2 || word.Any(c => c is < 'a' or > 'z'))
        {
            return word;
        }

        var w = new Word(word);
        w.Step1A();
        w.Step1B();
        w.Step1C();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        return w.ToString();
    }

    private sealed class Word(string text)
    {
        private char[] _b = text.ToCharArray();
        private int _k = text.Length - 1; // last index of the word
        private int _j;                    // end of the stem when a suffix matched

        public override string ToString() => new(_b, 0, _k + 1);

        private bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        // The number of vowel-consonant sequences in b[0..j].
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (i <= _j && IsConsonant(i)) i++;
            while (i <= _j)
            {
                while (i <= _j && !IsConsonant(i)) i++;
                if (i > _j) break;
                n++;
                while (i <= _j && IsConsonant(i)) i++;
            }

            return n;
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i)) return true;
            }

            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        // consonant-vowel-consonant ending at i, the last consonant not w, x or y.
        private bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            if (suffix.Length > _k + 1) return false;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (_b[_k - suffix.Length + 1 + i] != suffix[i]) return false;
            }

            _j = _k - suffix.Length;
            return true;
        }

        private void SetTo(string replacement)
        {
            var length = _j + 1 + replacement.Length;
            if (length > _b.Length) Array.Resize(ref _b, length);
            replacement.CopyTo(0, _b, _j + 1, replacement.Length);
            _k = length - 1;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0) SetTo(replacement);
        }

        public void Step1A()
        {
            if (_b[_k] != 's') return;
            if (Ends("sses")) _k -= 2;
            else if (Ends("ies")) SetTo("i");
            else if (_k >= 1 && _b[_k - 1] != 's') _k--;
        }

        public void Step1B()
        {
            if (Ends("eed"))
            {
                if (Measure() > 0) _k--;
                return;
            }

            if (!((Ends("ed") || Ends("ing")) && VowelInStem())) return;
            _k = _j;
            if (Ends("at")) SetTo("ate");
            else if (Ends("bl")) SetTo("ble");
            else if (Ends("iz")) SetTo("ize");
            else if (DoubleConsonant(_k))
            {
                if (_b[_k] is not ('l' or 's' or 'z')) _k--;
            }
            else
            {
                _j = _k;
                if (Measure() == 1 && Cvc(_k)) SetTo("e");
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem()) _b[_k] = 'i';
        }

        // The reference implementation picks the rule by the word's second-to-last letter, so the first listed
        // suffix that matches wins and no shorter one is tried after it; longest-first order within a letter does the same.
        // The rules are sorted once (stable: equal lengths keep their listed order), not on every word.
        private static readonly (string Suffix, string Replacement)[] Step2Rules = LongestFirst(
        [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
        ]);

        private static readonly (string Suffix, string Replacement)[] Step3Rules =
        [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ];

        private static readonly (string Suffix, string Replacement)[] Step4Rules = LongestFirst(
        [
            .. new[]
            {
                "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
                "iti", "ous", "ive", "ize",
            }.Select(suffix => (suffix, "")),
        ]);

        private static (string Suffix, string Replacement)[] LongestFirst((string Suffix, string Replacement)[] rules) =>
            [.. rules.OrderByDescending(r => r.Suffix.Length)];

        // The first rule (longest first) whose suffix the word ends with, leaving at least one letter before it.
        private int FirstMatching((string Suffix, string Replacement)[] rules)
        {
            for (var i = 0; i < rules.Length; i++)
            {
                var suffix = rules[i].Suffix;
                if (suffix.Length <= _k && suffix[^2] == _b[_k - 1] && Ends(suffix))
                {
                    return i;
                }
            }

            return -1;
        }

        public void Step2()
        {
            if (_k < 1) return;
            var rule = FirstMatching(Step2Rules);
            if (rule >= 0) ReplaceIfMeasured(Step2Rules[rule].Replacement);
        }

        public void Step3()
        {
            foreach (var (suffix, replacement) in Step3Rules)
            {
                if (Ends(suffix))
                {
                    ReplaceIfMeasured(replacement);
                    return;
                }
            }
        }

        public void Step4()
        {
            var rule = _k < 1 ? -1 : FirstMatching(Step4Rules);
            if (rule < 0) return;
            if (Step4Rules[rule].Suffix == "ion" && !(_j >= 0 && _b[_j] is 's' or 't')) return;
            if (Measure() > 1) _k = _j;
        }

        public void Step5()
        {
            _j = _k;
            if (_b[_k] == 'e')
            {
                _j = _k - 1;
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(_k - 1))) _k--;
            }

            _j = _k;
            if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1) _k--;
        }
    }
}
