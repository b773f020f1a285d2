"""Seeded generator of synthetic, labelled LLM prompts: the short prompts of the default model's training set.

The prompts are composed from parts (a persona, a politeness frame, a task phrased one of many ways, a topic, a
small embedded document written for kroute, and a closing constraint), so that classes share most of their
vocabulary and no single word gives a class away. Some are written in French, German, Spanish, Russian, Greek,
Chinese or Japanese, and some are deliberately ambiguous; each is labelled by what it mainly asks for.
`generate_prompts.py` mixes them with prompts that wrap real text (trainer/corpora/). Standard library only.
"""

import json
import random
import re
import unicodedata

LABELS = ("code", "math", "summarization", "translation", "creative_writing", "factual_question",
          "conversation", "data_extraction")

# Share of each class in the output: roughly balanced, as a router's traffic mix might be.
LABEL_WEIGHTS = {"code": 16, "math": 12, "summarization": 12, "translation": 11, "creative_writing": 12,
                 "factual_question": 15, "conversation": 12, "data_extraction": 10}

_SLOT = re.compile(r"\{([a-z_0-9]+)\}")

# ---------------------------------------------------------------------------------------------------------
# Vocabulary shared by every class

ROLES = ["student", "teacher", "nurse", "data analyst", "backend developer", "product manager", "lawyer",
         "journalist", "high school student", "retired engineer", "small business owner", "PhD candidate",
         "marketing intern", "researcher", "hobbyist", "parent of two", "freelance designer", "accountant",
         "startup founder", "librarian", "game developer", "biology undergrad", "sales manager", "translator"]
TOPICS = ["climate change", "the French Revolution", "photosynthesis", "black holes", "the stock market",
          "machine learning", "the Roman Empire", "vaccines", "renewable energy", "coffee", "the ocean",
          "friendship", "a lighthouse", "remote work", "electric cars", "bees", "the moon landing", "jazz",
          "volcanoes", "medieval castles", "the internet", "chess", "sleep", "the Amazon rainforest",
          "quantum computing", "inflation", "social media", "dinosaurs", "the human heart", "origami",
          "a rainy afternoon", "city traffic", "the printing press", "honeybees", "a lost umbrella",
          "artificial intelligence", "the Silk Road", "autumn leaves", "a tiny robot", "the first day of school"]
NAMES = ["Alice", "Bob", "Priya", "Mohammed", "Chen Wei", "Sofia", "Lukas", "Amélie", "Diego", "Olga", "Kenji",
         "Fatima", "Noah", "Emma", "Jonas", "Chiara", "Mateo", "Yuki", "Dimitris", "Ana", "Grace", "Tomás",
         "Ingrid", "Rahul", "Zoë", "Marek", "Leila", "Sam", "Hannah", "Oluwaseun"]
SURNAMES = ["Smith", "Patel", "García", "Müller", "Kowalski", "Nguyen", "Okafor", "Rossi", "Ivanova", "Tanaka",
            "Dubois", "Johansson", "Haddad", "O'Brien", "Papadopoulos", "Silva", "Kim", "Novak", "Schmidt", "Lopez"]
COMPANIES = ["Northwind Traders", "Acme Corp", "Globex", "Initech", "Blue Harbor Logistics", "Helios Energy",
             "Vertex Health", "Lumen Bank", "Orbital Foods", "Kestrel Systems", "Greenleaf Organics",
             "Pinnacle Insurance", "Redwood Analytics", "Sunrise Travel", "Atlas Robotics", "Copperline Telecom"]
CITIES = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Berlin", "Lyon", "Monterrey", "Kraków", "Melbourne", "Seoul",
          "Cairo", "Oslo", "Austin", "Mumbai", "Valparaíso", "Athens", "Hanoi", "Edinburgh", "Bogotá", "Tbilisi"]
PRODUCTS = ["wireless headphones", "standing desk", "espresso machine", "running shoes", "smart thermostat",
            "mechanical keyboard", "air fryer", "e-reader", "robot vacuum", "hiking backpack", "electric kettle",
            "4K monitor", "yoga mat", "cordless drill", "baby stroller", "office chair"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LANGUAGES = ["French", "German", "Spanish", "Italian", "Portuguese", "Japanese", "Chinese", "Russian", "Greek",
             "Korean", "Dutch", "Polish", "Turkish", "Arabic", "Hindi", "Swedish"]
PROGRAMMING = ["Python", "JavaScript", "TypeScript", "Java", "C++", "Rust", "Go", "C#", "Kotlin", "Ruby", "PHP",
               "Swift", "Scala", "Haskell", "Bash", "SQL"]

POLITE = ["", "", "", "Please ", "Could you ", "Can you ", "I'd like you to ", "I need you to ", "Help me ",
          "Would you ", "Would you mind ", "pls ", "Kindly ", "Hey, can you ", "Quick one: can you ", "Would you mind helping me "]
OPENERS = ["", "", "", "", "Hi! ", "Hello. ", "Hey there, ", "Good morning! ", "Quick question. ", "Okay so ",
           "I'm a {role}. ", "As a {role}, I have a task for you. ", "I'm working on a project about {topic}. ",
           "My manager asked me for this and I'm stuck. ", "This is for a class I'm taking. ",
           "Sorry if this is a dumb question. ", "Long day, but here goes. ", "Following up on earlier: "]
CLOSERS = ["", "", "", "", " Thanks!", " Thank you.", " Keep it short.", " Be concise.", " Use bullet points.",
           " Explain like I'm five.", " Format the answer in Markdown.", " Please be thorough.",
           " No more than {small_n}0 words.", " This is for a presentation tomorrow.", " thx", " 🙏",
           " I appreciate it!", " Take your time.", " Reply in plain text, no formatting.",
           " Make sure it's accurate, I'll be checking.", " If anything is unclear, make a reasonable guess."]

# ---------------------------------------------------------------------------------------------------------
# Non-English material (written for kroute; meant to read naturally, not to be translations of each other)

FOREIGN_SENTENCES = {
    "French": ["Le train pour Lyon part à huit heures demain matin.",
               "Nous avons reçu votre commande et elle sera expédiée sous trois jours.",
               "Je voudrais réserver une table pour quatre personnes ce soir.",
               "La réunion de lundi est reportée à jeudi après-midi.",
               "Mon grand-père cultivait des tomates dans son jardin près de la mer.",
               "Il faut éteindre les lumières avant de quitter le bureau.",
               "Les résultats de l'étude montrent une baisse nette de la pollution en ville.",
               "Pourriez-vous m'envoyer la facture avant la fin du mois ?",
               "Elle a appris à jouer du piano à l'âge de quarante ans.",
               "Le musée est fermé le mardi et les jours fériés."],
    "German": ["Der Zug nach München hat heute zwanzig Minuten Verspätung.",
               "Bitte schicken Sie mir die Unterlagen bis Freitag zurück.",
               "Wir haben im Sommer eine Radtour entlang der Donau gemacht.",
               "Die Heizung in unserer Wohnung funktioniert seit Tagen nicht.",
               "Kannst du mir sagen, wo die nächste Apotheke ist?",
               "Das neue Gesetz tritt am ersten Januar in Kraft.",
               "Meine Schwester arbeitet als Ärztin in einem kleinen Krankenhaus.",
               "Der Bericht zeigt, dass die Umsätze im dritten Quartal gestiegen sind.",
               "Ich habe meinen Schlüssel im Büro vergessen.",
               "Am Wochenende soll es stark regnen und stürmen."],
    "Spanish": ["El vuelo a Madrid sale con una hora de retraso.",
                "¿Podrías ayudarme a mover el sofá este sábado?",
                "La empresa anunció que abrirá una nueva oficina en Valencia.",
                "Mi abuela preparaba la mejor paella de todo el pueblo.",
                "Necesito cambiar la contraseña de mi cuenta bancaria.",
                "Los niños jugaron en el parque hasta que se hizo de noche.",
                "El informe indica que las ventas bajaron un diez por ciento.",
                "Por favor, confirme su asistencia antes del viernes.",
                "Hace mucho calor en Sevilla durante el mes de agosto.",
                "Estamos buscando un piso con dos habitaciones cerca del centro."],
    "Russian": ["Поезд в Москву отправляется в семь часов вечера.",
                "Пожалуйста, отправьте мне отчёт до конца недели.",
                "Мы провели отпуск на берегу Чёрного моря.",
                "Завтра в городе ожидается сильный снегопад.",
                "Моя сестра учится в университете на факультете физики.",
                "Компания объявила о запуске нового продукта в сентябре.",
                "Где здесь ближайшая станция метро?",
                "Я забыл зонт в кафе у вокзала."],
    "Greek": ["Το πλοίο για τη Σαντορίνη φεύγει στις εννέα το πρωί.",
              "Θα ήθελα ένα τραπέζι για δύο άτομα, παρακαλώ.",
              "Η συνάντηση μεταφέρθηκε για την επόμενη εβδομάδα.",
              "Ο παππούς μου είχε έναν μεγάλο κήπο με ελιές.",
              "Το μουσείο είναι κλειστό τις Δευτέρες."],
    "Chinese": ["明天早上八点的会议改到下午三点。", "我想预订两张去上海的火车票。", "这家餐厅的饺子非常好吃。",
                "请在周五之前把报告发给我。", "今年夏天的雨水比往年多很多。", "公司宣布将在九月推出新产品。",
                "我的妹妹正在学习弹钢琴。"],
    "Japanese": ["明日の会議は午後二時に変更になりました。", "駅の近くに新しいカフェがオープンしました。",
                 "この本はとても面白かったです。", "週末は家族と一緒に京都へ行きます。",
                 "請求書を金曜日までに送ってください。"],
}
ENGLISH_SENTENCES = ["The meeting has been moved to Thursday afternoon.",
                     "Please send me the invoice before the end of the month.",
                     "Our flight was delayed by three hours because of the storm.",
                     "I would like to book a table for four people tonight.",
                     "The museum is closed on Mondays and public holidays.",
                     "We are sorry for the inconvenience and will refund your order.",
                     "My grandmother grew tomatoes in her garden by the sea.",
                     "Turn left at the bakery and the station is on your right.",
                     "The new policy takes effect on the first of January.",
                     "Can you recommend a good restaurant near the hotel?",
                     "The results show a clear drop in air pollution in the city centre.",
                     "Don't forget to water the plants while I'm away.",
                     "Your package is out for delivery and should arrive today.",
                     "Thank you for your patience while we investigate the issue.",
                     "She learned to play the piano when she was forty.",
                     "Where is the nearest pharmacy?",
                     "Happy birthday! I hope all your wishes come true.",
                     "The password must contain at least eight characters.",
                     "We regret to inform you that the event has been cancelled.",
                     "Could you speak a little more slowly, please?"]
SHORT_PHRASES = ["good morning", "where is the train station", "I love you", "how much does this cost",
                 "nice to meet you", "the bill, please", "I'm allergic to peanuts", "see you tomorrow",
                 "cheers", "I don't understand", "congratulations on your new job", "break a leg",
                 "it's raining cats and dogs", "excuse me", "what time is it", "I'm lost", "thank you very much"]
FOREIGN_PHRASES = ["je ne sais quoi", "Schadenfreude", "carpe diem", "¿qué tal?", "mañana", "Fernweh",
                   "c'est la vie", "サウダージ", "Gemütlichkeit", "хорошо", "ευχαριστώ", "加油", "いただきます",
                   "dolce far niente", "hygge", "l'esprit de l'escalier", "sobremesa", "Торопиться не надо",
                   "お疲れ様です", "Kummerspeck", "saudade", "wabi-sabi", "Ojalá"]

# ---------------------------------------------------------------------------------------------------------
# Grammar: each slot names alternatives; an alternative may contain further {slots}.

GRAMMAR = {
    "role": ROLES, "topic": TOPICS, "name": NAMES, "surname": SURNAMES, "company": COMPANIES, "city": CITIES,
    "product": PRODUCTS, "month": MONTHS, "weekday": WEEKDAYS, "language": LANGUAGES, "plang": PROGRAMMING,
    "polite": POLITE, "opener": OPENERS, "closer": CLOSERS,
    "small_n": ["2", "3", "5", "8"],
    "doc_kind": ["article", "email", "report", "meeting transcript", "abstract", "chapter", "blog post",
                 "press release", "thread", "memo", "customer complaint", "product review", "paper", "passage",
                 "text", "document", "news story", "cover letter"],
    "audience": ["a five-year-old", "my grandmother", "busy executives", "a room of engineers", "teenagers",
                 "non-native speakers", "my team", "a job interview panel", "first-year students", "investors"],
    "tone": ["formal", "friendly", "neutral", "enthusiastic", "apologetic", "playful", "serious", "warm"],
    "mood": ["funny", "dark", "melancholic", "hopeful", "whimsical", "eerie", "bittersweet", "uplifting"],
    "author": ["Edgar Allan Poe", "Dr. Seuss", "Shakespeare", "Emily Dickinson", "Hemingway", "Jane Austen",
               "Tolkien", "Pablo Neruda", "a noir detective novel", "a 1920s radio host", "Haruki Murakami"],
    "emotion": ["stressed", "lonely", "anxious", "really happy", "exhausted", "nervous", "bored", "overwhelmed",
                "a bit down", "excited"],
    "pet": ["puppy", "kitten", "parrot", "hamster", "rescue dog", "goldfish"],
    "relation": ["sister", "roommate", "boyfriend", "girlfriend", "best friend", "boss", "dad", "coworker"],
    "goal": ["study for finals", "go running every morning", "learn Spanish", "save money", "sleep earlier",
             "finish my thesis", "eat healthier", "stop procrastinating", "get back into reading"],
}

# ---------------------------------------------------------------------------------------------------------
# Code snippets (identifiers and constants vary per prompt)

CODE_SNIPPETS = {
    "Python": ["def {fn}({arg}):\n    result = []\n    for item in {arg}:\n        if item {op} {k}:\n"
               "            result.append(item * {k2})\n    return result",
               "class {Cls}:\n    def __init__(self, {arg}):\n        self.{arg} = {arg}\n        self.count = 0\n\n"
               "    def {fn}(self):\n        self.count += 1\n        return self.{arg}[self.count]",
               "import json\n\ndef {fn}(path):\n    with open(path) as f:\n        data = json.load(f)\n"
               "    return {{k: v for k, v in data.items() if v is not None}}",
               "def {fn}(n):\n    if n <= 1:\n        return n\n    return {fn}(n - 1) + {fn}(n - 2)\n\n"
               "print([{fn}(i) for i in range({k})])"],
    "JavaScript": ["function {fn}({arg}) {{\n  let total = 0;\n  for (let i = 0; i <= {arg}.length; i++) {{\n"
                   "    total += {arg}[i].price;\n  }}\n  return total;\n}}",
                   "const {fn} = async (url) => {{\n  const res = await fetch(url);\n  const data = res.json();\n"
                   "  return data.items.map(x => x.{arg});\n}};",
                   "document.querySelector('#{arg}').addEventListener('click', () => {{\n"
                   "  count++;\n  render({k});\n}});"],
    "Java": ["public int {fn}(List<Integer> {arg}) {{\n    int max = 0;\n    for (int x : {arg}) {{\n"
             "        if (x {op} max) max = x;\n    }}\n    return max;\n}}",
             "public class {Cls} {{\n    private final Map<String, Integer> {arg} = new HashMap<>();\n\n"
             "    public void {fn}(String key) {{\n        {arg}.put(key, {arg}.get(key) + 1);\n    }}\n}}"],
    "SQL": ["SELECT c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\n"
            "WHERE o.created_at >= '2023-0{d1}-01'\nGROUP BY c.name\nORDER BY revenue DESC\nLIMIT {k};",
            "UPDATE {arg} SET status = 'archived' WHERE last_login < NOW() - INTERVAL '{k} days';"],
    "Rust": ["fn {fn}(v: Vec<i32>) -> i32 {{\n    let s = v;\n    let total: i32 = v.iter().sum();\n"
             "    total + s.len() as i32\n}}",
             "struct {Cls} {{\n    {arg}: Vec<String>,\n}}\n\nimpl {Cls} {{\n    fn {fn}(&mut self, x: String) {{\n"
             "        self.{arg}.push(x);\n    }}\n}}"],
    "Go": ["func {fn}({arg} []int) int {{\n\tsum := 0\n\tfor _, v := range {arg} {{\n\t\tsum += v\n\t}}\n"
           "\treturn sum / len({arg})\n}}"],
    "Bash": ["#!/bin/bash\nfor f in *.log; do\n  if [ $(wc -l < $f) -gt {k}00 ]; then\n    gzip $f\n  fi\ndone",
             "find . -name '*.tmp' -mtime +{k} | xargs rm"],
}
IDENTIFIERS = ["items", "users", "orders", "values", "records", "prices", "scores", "names", "rows", "events",
               "cart", "tokens", "nodes", "payload", "matrix", "buffer", "config", "entries", "queue", "words"]
FUNCTIONS = ["process", "compute_total", "filter_items", "get_data", "handle", "parse", "update", "load",
             "calc", "transform", "fib", "run", "helper", "do_stuff", "sumPrices", "fetchUsers", "findMax",
             "normalize", "average", "count_words"]
CLASSES = ["Counter", "Inventory", "Cache", "UserStore", "Parser", "Queue", "Account", "Registry"]


# ---------------------------------------------------------------------------------------------------------


class PromptGenerator:
    """Draws labelled prompts from one seeded random source; the same seed gives the same prompts."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    # -- helpers ------------------------------------------------------------------------------------------

    def pick(self, options):
        return self.rng.choice(options)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def expand(self, template: str, **values) -> str:
        """Fills {slots} from `values` (inserted verbatim) or from GRAMMAR (expanded again)."""
        def replace(match):
            slot = match.group(1)
            if slot in values:
                return str(values[slot])
            if slot in GRAMMAR:
                return self.expand(self.pick(GRAMMAR[slot]), **values)
            raise KeyError("unknown slot {%s} in %r" % (slot, template))
        return _SLOT.sub(replace, template)

    def request(self, verb_phrase: str, **values) -> str:
        """A request framed by an optional opener, politeness and closer: "Hi! Could you <verb phrase>?"."""
        polite = self.pick(POLITE)
        body = self.expand(verb_phrase, **values)
        if _is_question(body):
            polite = ""  # "Can you what's ..." is not how people write.
        question = polite.strip().lower().startswith(("could", "can", "would", "hey, can", "quick one"))
        if polite == "Would you mind ":
            body = _gerund(body)
        text = polite + body
        text = text.rstrip(" .?") + ("?" if question else self.pick([".", ".", "", "!"]))
        return self.frame(text)

    def frame(self, text: str) -> str:
        text = _capitalize(text)
        opener = self.expand(self.pick(OPENERS))
        if opener.endswith((", ", "so ")):
            text = text[:1].lower() + text[1:]
        closer = self.expand(self.pick(CLOSERS))
        if closer and "\n" in text:
            closer = "\n\n" + closer.strip()
        elif closer and text[-1:].isalnum():
            text += "?" if _is_question(text) else "."
        return self.noise(opener + text + closer)

    def noise(self, text: str) -> str:
        """People type carelessly: sometimes all lower case, sometimes without the final punctuation."""
        if self.chance(0.12):
            text = text.lower()
        if self.chance(0.08):
            text = text.rstrip(".!?")
        return text

    def block(self, content: str, fence: str = "") -> str:
        style = self.rng.randrange(4)
        if style == 0:
            return "\n\n```%s\n%s\n```" % (fence, content)
        if style == 1:
            return ":\n\n" + content
        if style == 2:
            return "\n\n\"\"\"\n%s\n\"\"\"" % content
        return "\n---\n%s\n---" % content

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def full_name(self) -> str:
        return "%s %s" % (self.pick(NAMES), self.pick(SURNAMES))

    def date(self) -> str:
        day, month, year = self.number(1, 28), self.number(1, 12), self.number(2019, 2025)
        return self.pick(["%d %s %d" % (day, MONTHS[month - 1], year), "%s %d, %d" % (MONTHS[month - 1], day, year),
                          "%04d-%02d-%02d" % (year, month, day), "%02d/%02d/%d" % (day, month, year)])

    def money(self) -> str:
        amount = self.number(5, 25000) + self.number(0, 99) / 100
        return self.pick(["$%s" % format(amount, ",.2f"), "€%.2f" % amount, "%s EUR" % format(amount, ",.2f"),
                          "£%d" % amount, "%d ₽" % (amount * 90), "¥%d" % (amount * 150)])

    def code(self, language: str = None):
        language = language or self.pick(sorted(CODE_SNIPPETS))
        template = self.pick(CODE_SNIPPETS[language])
        snippet = template.format(fn=self.pick(FUNCTIONS), arg=self.pick(IDENTIFIERS), Cls=self.pick(CLASSES),
                                  op=self.pick([">", "<", ">=", "!=", "=="]), k=self.number(2, 50),
                                  k2=self.number(2, 9), d1=self.number(1, 9))
        return language, snippet

    # -- documents shared by several classes -------------------------------------------------------------

    def passage(self, sentences: int = None) -> str:
        """A news item, study summary, meeting notes or review, from 2 to about 14 sentences."""
        kind = self.rng.randrange(5)
        sentences = sentences or self.number(2, 14)
        if kind == 0:
            pool = NEWS_SENTENCES
        elif kind == 1:
            pool = SCIENCE_SENTENCES
        elif kind == 2:
            pool = MEETING_SENTENCES
        elif kind == 3:
            pool = REVIEW_SENTENCES
        else:
            pool = HISTORY_SENTENCES
        chosen = [self.pick(pool) for _ in range(sentences)]
        values = self.document_values()
        text = " ".join(self.expand(s, **values) for s in chosen)
        if sentences > 6 and self.chance(0.6):
            words = text.split(" ")
            cut = len(words) // 2
            text = " ".join(words[:cut]) + "\n\n" + " ".join(words[cut:])
        return text

    def document_values(self):
        return {"org": self.pick(COMPANIES), "org2": self.pick(COMPANIES), "person": self.full_name(),
                "person2": self.full_name(), "place": self.pick(CITIES), "date": self.date(),
                "amount": self.money(), "pct": self.number(2, 60), "n": self.number(12, 4000),
                "years": self.number(2, 15), "year": self.number(1850, 2024), "subject": self.pick(TOPICS),
                "product": self.pick(PRODUCTS), "stars": self.number(1, 5)}

    def email(self) -> str:
        sender, recipient = self.pick(NAMES), self.pick(NAMES)
        values = self.document_values()
        body = " ".join(self.expand(self.pick(EMAIL_SENTENCES), **values) for _ in range(self.number(2, 7)))
        return ("%s %s,\n\n%s\n\n%s\n%s" % (self.pick(["Hi", "Dear", "Hello", "Hey"]), recipient, body,
                                            self.pick(["Best regards,", "Thanks,", "Cheers,", "Kind regards,"]),
                                            sender + (" | " + values["org"] if self.chance(0.5) else "")))

    def table(self) -> str:
        rows = []
        header = self.pick([("Name", "City", "Joined", "Plan"), ("Product", "Units", "Price", "Region"),
                            ("Date", "Description", "Amount", "Category")])
        for _ in range(self.number(3, 8)):
            if header[0] == "Name":
                rows.append((self.full_name(), self.pick(CITIES), self.date(), self.pick(["free", "pro", "team"])))
            elif header[0] == "Product":
                rows.append((self.pick(PRODUCTS), str(self.number(1, 900)), self.money(),
                             self.pick(["EMEA", "APAC", "NA", "LATAM"])))
            else:
                rows.append((self.date(), self.pick(["Office rent", "Team lunch", "Cloud hosting", "Flight to "
                                                     + self.pick(CITIES), "Software licence", "Taxi"]),
                             self.money(), self.pick(["travel", "food", "infra", "office"])))
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def json_record(self) -> str:
        record = {"id": self.number(1000, 99999), "customer": self.full_name(), "email":
                  "%s.%s@example.com" % (_ascii_word(self.pick(NAMES)), _ascii_word(self.pick(SURNAMES))),
                  "items": [{"sku": "SKU-%d" % self.number(100, 999), "qty": self.number(1, 5)}
                            for _ in range(self.number(1, 3))],
                  "status": self.pick(["shipped", "pending", "refunded"]), "city": self.pick(CITIES)}
        return json.dumps(record, ensure_ascii=False, indent=self.pick([None, 2]))

    def log_lines(self) -> str:
        lines = []
        for _ in range(self.number(2, 6)):
            lines.append("%s %02d:%02d:%02d %s [%s] %s" % (
                "%04d-%02d-%02d" % (self.number(2022, 2025), self.number(1, 12), self.number(1, 28)),
                self.number(0, 23), self.number(0, 59), self.number(0, 59),
                self.pick(["INFO", "WARN", "ERROR", "DEBUG"]), self.pick(["auth", "billing", "api", "worker"]),
                self.pick(["user %d logged in" % self.number(1, 999), "payment failed: card declined",
                           "timeout after %d ms" % self.number(100, 9000), "cache miss for key order:%d"
                           % self.number(1, 99999), "retrying job %d" % self.number(1, 500)])))
        return "\n".join(lines)

    def foreign_sentence(self, languages=None) -> (str, str):
        language = self.pick(languages or sorted(FOREIGN_SENTENCES))
        return language, self.pick(FOREIGN_SENTENCES[language])

    # -- one builder per class ---------------------------------------------------------------------------

    def code_prompt(self) -> str:
        style = self.rng.randrange(10)
        plang = self.pick(PROGRAMMING)
        if style == 0:
            return self.request("write a {plang} function that {spec}", plang=plang, spec=self.pick(CODE_SPECS))
        if style == 1:
            language, snippet = self.code()
            ask = self.pick(["why does this throw {error}", "fix the bug in this function",
                             "this fails with {error}, what am I doing wrong", "find the bug here",
                             "my tests fail on this, any idea why", "what's wrong with this code"])
            return self.frame(self.expand(ask, error=self.pick(ERRORS)) + self.block(snippet, language.lower()))
        if style == 2:
            language, snippet = self.code()
            ask = self.pick(["explain what this code does", "summarize what this {lang} snippet does",
                             "refactor this to be more readable", "add type hints and docstrings to this",
                             "write unit tests for this", "what is the time complexity of this",
                             "review this code and suggest improvements", "make this faster",
                             "rewrite this without the loop", "add error handling here"])
            return self.frame(self.expand(ask, lang=language) + self.block(snippet, language.lower()))
        if style == 3:
            # Ambiguous on purpose: "translate" here means porting code.
            language, snippet = self.code(self.pick(["Python", "JavaScript", "Java", "Go"]))
            target = self.pick([p for p in PROGRAMMING if p not in (language, "SQL", "Bash")])
            ask = self.pick(["translate this {a} function to {b}", "convert this {a} code into {b}",
                             "port this to {b}", "how would this look in {b}", "rewrite this {a} snippet in idiomatic {b}"])
            return self.frame(self.expand(ask, a=language, b=target) + self.block(snippet, language.lower()))
        if style == 4:
            return self.request(self.pick([
                "explain the difference between {concept} in {plang}", "tell me when to use {concept} in {plang}",
                "compare {concept}", "what's the difference between {concept}"]), concept=self.pick(CONCEPTS),
                plang=plang)
        if style == 5:
            return self.request(self.pick(DEVOPS_TASKS), plang=plang, n=self.number(2, 100))
        if style == 6:
            language = self.pick(["German", "French", "Spanish", "Russian", "Chinese", "Japanese"])
            return self.noise(self.expand(self.pick(FOREIGN_CODE_REQUESTS[language]), plang=plang))
        if style == 7:
            return self.frame(self.expand(self.pick([
                "regex to match {thing}", "{plang}: how do I {howto}?", "how do I {howto} in {plang}",
                "best way to {howto} with {plang}", "{plang} {howto} example"]),
                thing=self.pick(REGEX_THINGS), howto=self.pick(HOWTOS), plang=plang))
        if style == 8:
            # Numbers and words of other classes inside a coding task.
            return self.request("write a {plang} script that {spec2}", plang=plang, spec2=self.pick(AMBIGUOUS_CODE_SPECS))
        language, snippet = self.code()
        for _ in range(self.number(0, 2)):
            snippet += "\n\n" + self.code(language)[1]
        return self.frame(self.expand(self.pick([
            "I get {error} when I run this. Here is the full code and my notes. I already tried restarting and "
            "reinstalling, but nothing changed. I'm on {os}.",
            "Code review please. Context: this is part of a {company} service that handles {ids}. Our team lead "
            "says it's not production ready."]), error=self.pick(ERRORS), os=self.pick(OSES), company=self.pick(COMPANIES),
            ids=self.pick(IDENTIFIERS)) + self.block(snippet, language.lower()) + self.expand(self.pick(CLOSERS)))

    def math_prompt(self) -> str:
        style = self.rng.randrange(10)
        a, b, c = self.number(2, 12), self.number(-20, 20), self.number(-30, 30)
        if style == 0:
            return self.request(self.pick(["solve {a}x + {b} = {c}", "solve for x: {a}x^2 + {b}x + {c} = 0",
                                           "find x if {a}(x - {b}) = {c}", "solve the system {a}x + y = {c}, x - y = {b}",
                                           "factor x^2 + {b}x + {c}", "simplify ({a}x^2 + {b}x) / x"]),
                                a=a, b=b, c=c)
        if style == 1:
            return self.request(self.pick(["find the derivative of {poly}", "integrate {poly} from 0 to {a}",
                                           "what is the second derivative of {poly}",
                                           "compute the limit of (sin {a}x)/x as x approaches 0",
                                           "differentiate e^({a}x) * cos(x)", "find the critical points of {poly}",
                                           "evaluate the integral of x e^(-{a}x) dx"]), poly=self.polynomial(), a=a)
        if style == 2:
            return self.frame(self.expand(self.pick([
                "what is {x} * {y}?", "{x} + {y} * {z} = ?", "what's {p}% of {x}", "is {x} prime?",
                "{x} divided by {z}", "round {x}.{y} to the nearest ten", "what is {x} squared",
                "gcd of {x} and {y}", "lcm({z}, {y})", "convert {p}/{z} to a decimal", "{x}^2 - {y}^2 = ?"]),
                x=self.number(12, 999), y=self.number(2, 99), z=self.number(2, 12), p=self.number(3, 95)))
        if style == 3:
            return self.frame(self.expand(self.pick(WORD_PROBLEMS), **self.document_values(), a=a,
                                          speed=self.number(40, 140), speed2=self.number(40, 140),
                                          r=self.number(2, 9), k=self.number(2, 12)))
        if style == 4:
            return self.request(self.pick(PROOFS))
        if style == 5:
            data = ", ".join(str(self.number(1, 99)) for _ in range(self.number(5, 14)))
            return self.request(self.pick([
                "compute the mean, median and standard deviation of {data}",
                "find the variance of this sample: {data}", "what is the interquartile range of {data}",
                "is there an outlier in {data}?", "fit a line to the points {pts}", "find the mode of {data}"]),
                data=data, pts=", ".join("(%d, %d)" % (i, self.number(0, 30)) for i in range(1, self.number(4, 8))))
        if style == 6:
            return self.request(self.pick([
                "find the eigenvalues of [[{a}, 1], [1, {a}]]", "multiply [[1, {a}], [{b}, 0]] by [[2, 1], [0, {c}]]",
                "compute the determinant of [[{a}, {b}], [{c}, 1]]", "find the area of a triangle with sides 3, 4 and {a}",
                "what is the volume of a sphere with radius {a} cm", "find the angle between vectors ({a}, 1) and (1, {b})",
                "what is the probability of rolling two sixes with two dice",
                "how many ways can {a} people sit around a round table",
                "what's the expected value of a bet that pays {c} dollars with probability 1/{a}"]), a=a, b=b, c=abs(c) + 1)
        if style == 7:
            return self.frame(self.expand(self.pick([
                "I don't understand how to {mtopic}. Can you walk me through an example?",
                "my teacher explained {mtopic} but I'm still lost, help",
                "Explain {mtopic} step by step for {audience}", "why does {mtopic} work?",
                "What is the intuition behind {mconcept}?", "Explain {mconcept} with a simple example."]),
                mtopic=self.pick(MATH_TOPICS), mconcept=self.pick(MATH_CONCEPTS)))
        if style == 8:
            language = self.pick(sorted(FOREIGN_MATH))
            return self.noise(self.expand(self.pick(FOREIGN_MATH[language]), a=a, b=b, c=c, poly=self.polynomial(),
                                          x=self.number(12, 999), p=self.number(3, 95)))
        # LaTeX is assembled with % so that its braces are not taken for slots.
        k = self.number(2, 5)
        latex = self.pick([
            "Evaluate $\\int_0^{%d} x^{%d} \\, dx$." % (a, k),
            "Show that $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$.",
            "Compute $\\lim_{x \\to 0} \\frac{1 - \\cos %dx}{x^2}$." % a,
            "Solve $x^2 %s %dx = %d$ over the reals." % (self.pick(["+", "-"]), a, c),
            "Find $\\frac{d}{dx} \\ln(x^{%d} + %d)$." % (k, a)])
        return self.frame(latex)

    def polynomial(self) -> str:
        terms = []
        for power in range(self.number(2, 4), -1, -1):
            coefficient = self.number(-9, 9)
            if coefficient == 0:
                continue
            terms.append("%d%s" % (coefficient, "" if power == 0 else "x" if power == 1 else "x^%d" % power))
        return " + ".join(terms).replace("+ -", "- ") or "x"

    def summarization_prompt(self) -> str:
        style = self.rng.randrange(9)
        if style <= 2:
            ask = self.pick(["summarize the following {doc_kind}", "give me a TL;DR of this {doc_kind}",
                             "condense this into {small_n} bullet points", "what are the key points of this {doc_kind}",
                             "write a one-paragraph abstract of this", "boil this down to one sentence",
                             "summarise this for {audience}", "give me the gist", "shorten this to {small_n} lines",
                             "make an executive summary of the notes below", "recap this {doc_kind} briefly",
                             "I don't have time to read this, what does it say", "sum this up in plain English"])
            long_document = self.chance(0.25)
            passage = self.passage(self.number(14, 30) if long_document else None)
            return self.frame(self.expand(ask) + self.block(passage))
        if style == 3:
            ask = self.pick(["summarize this email thread and list any decisions", "what does this email want from me? short answer",
                             "tl;dr this email", "summarise this message in two sentences so I can forward it",
                             "give me a quick summary of this email and its tone"])
            return self.frame(self.expand(ask) + self.block(self.email()))
        if style == 4:
            # Ambiguous on purpose: mathematical or code content, but the ask is a summary.
            ask = self.pick(["summarise this proof in plain words", "give me the main idea of this proof",
                             "summarize the argument below in two sentences", "what's the gist of this derivation"])
            return self.frame(self.expand(ask) + self.block(self.pick(PROOF_TEXTS)))
        if style == 5:
            ask = self.pick(["summarize this article in {language}", "write a short summary of this and translate it to {language}",
                             "summarise the text below; answer in {language}"])
            return self.frame(self.expand(ask) + self.block(self.passage(self.number(4, 10))))
        if style == 6:
            language = self.pick(sorted(FOREIGN_SUMMARY_ASKS))
            passage = " ".join(self.pick(FOREIGN_SENTENCES[language]) for _ in range(self.number(3, 7)))
            return self.noise(self.pick(FOREIGN_SUMMARY_ASKS[language]) + "\n\n" + passage)
        if style == 7:
            return self.request(self.pick([
                "summarize the plot of {book} in {small_n} sentences", "give me a chapter-by-chapter summary of {book}",
                "recap {book} without spoilers", "what happens in {book}? brief summary please"]), book=self.pick(BOOKS))
        reviews = "\n".join("- \"%s\"" % self.expand(self.pick(REVIEW_SENTENCES), **self.document_values())
                            for _ in range(self.number(3, 8)))
        return self.frame(self.expand(self.pick([
            "summarize what customers are saying in these reviews", "what's the overall sentiment and main complaints here",
            "condense this feedback into pros and cons"])) + ":\n" + reviews)

    def translation_prompt(self) -> str:
        style = self.rng.randrange(9)
        if style == 0:
            return self.request(self.pick([
                "translate \"{sentence}\" into {language}", "how do you say \"{phrase}\" in {language}",
                "translate to {language}: {sentence}", "what's \"{phrase}\" in {language}",
                "give me the {language} for \"{phrase}\"", "render this in {language}: {sentence}"]),
                sentence=self.pick(ENGLISH_SENTENCES), phrase=self.pick(SHORT_PHRASES))
        if style == 1:
            language, sentence = self.foreign_sentence()
            return self.request(self.pick([
                "translate this into English: {s}", "what does \"{s}\" mean", "translate from {lang}: {s}",
                "can you tell me what this says? {s}", "English please: {s}", "translate this {lang} text to {target}: {s}"]),
                s=sentence, lang=language, target=self.pick(["English", "German", "French", "Spanish"]))
        if style == 2:
            language = self.pick(sorted(FOREIGN_TRANSLATE_ASKS))
            source = self.pick(ENGLISH_SENTENCES + [s for k, v in FOREIGN_SENTENCES.items() if k != language for s in v])
            return self.noise(self.pick(FOREIGN_TRANSLATE_ASKS[language]).format(source))
        if style == 3:
            return self.frame(self.expand(self.pick([
                "translate this email into {language}, keep it {tone}", "I need this message in {language}",
                "please put this into {language} for our client in {city}"])) + self.block(self.email()))
        if style == 4:
            strings = {key: self.pick(UI_STRINGS) for key in self.rng.sample(UI_KEYS, self.number(2, 5))}
            return self.frame(self.expand(self.pick([
                "localize these UI strings into {language}", "translate the values (not the keys) into {language}",
                "we need a {language} version of this resource file"])) + self.block(
                json.dumps(strings, ensure_ascii=False, indent=2), "json"))
        if style == 5:
            return self.frame(self.expand(self.pick([
                "what does \"{foreign}\" mean in English?", "is there an English equivalent of \"{foreign}\"?",
                "translate \"{foreign}\" literally and then idiomatically", "how would you translate \"{foreign}\""]),
                foreign=self.pick(FOREIGN_PHRASES)))
        if style == 6:
            language, sentence = self.foreign_sentence()
            english = self.pick(ENGLISH_SENTENCES)
            return self.frame(self.expand(self.pick([
                "is this a correct translation? \"{e}\" -> \"{s}\"", "my translation of \"{e}\" is \"{s}\". is that natural?",
                "check my {lang}: {s}"]), e=english, s=sentence, lang=language))
        if style == 7:
            # Ambiguous on purpose: code, but only the comments and messages are to be translated.
            comment = self.pick(["# calcule le total des commandes", "// Benutzer aus der Datenbank laden",
                                 "# обработка ошибок", "// 如果列表为空则返回", "# comprobar si el usuario existe"])
            language, snippet = self.code(self.pick(["Python", "JavaScript"]))
            return self.frame(self.pick([
                "Translate the comments in this code into English, leave the code alone",
                "Our old developer wrote comments in another language. Translate just the comments"])
                + self.block(comment + "\n" + snippet, language.lower()))
        return self.frame(self.expand(self.pick([
            "translate this paragraph into {language} for our newsletter", "we need the following in {language} and {language}",
            "professional translation into {language} please, it's for a contract"])) + self.block(self.passage(self.number(2, 6))))

    def creative_prompt(self) -> str:
        style = self.rng.randrange(9)
        if style <= 2:
            return self.request(self.pick([
                "write a {form} about {topic}", "compose a {mood} {form} about {topic}",
                "write a {form} about {topic} in the style of {author}",
                "write a {form} about {topic} from the perspective of {character}",
                "give me a {form} about {topic} that {constraint}", "create a {mood} {form} set in {city}",
                "I need a {form} for {audience} about {topic}"]),
                form=self.pick(FORMS), character=self.pick(CHARACTERS), constraint=self.pick(CONSTRAINTS))
        if style == 3:
            opening = self.pick(STORY_OPENINGS)
            return self.frame(self.expand(self.pick([
                "continue this story", "write the next {small_n} paragraphs", "finish this story with a twist",
                "keep going in the same voice"])) + self.block(self.expand(opening, name=self.pick(NAMES), city=self.pick(CITIES))))
        if style == 4:
            return self.request(self.pick([
                "invent a name and backstory for {character}", "describe {setting} at dawn using all five senses",
                "write dialogue between {character} and {character2} arguing about {topic}",
                "come up with {small_n} slogans for a {product}", "write a wedding toast for {name} and {name2}",
                "write a birthday message for my {relation} who loves {topic}",
                "write the opening scene of a screenplay set in {setting}",
                "brainstorm {small_n} plot ideas for a novel about {topic}"]),
                character=self.pick(CHARACTERS), character2=self.pick(CHARACTERS), setting=self.pick(SETTINGS),
                name2=self.pick(NAMES))
        if style == 5:
            # Ambiguous on purpose: technical or mathematical subjects, creative form.
            return self.request(self.pick([
                "write a poem that explains how {tech} works", "write a limerick about a {plang} bug",
                "write a short story that teaches kids {mtopic2}", "write a haiku about {tech}",
                "write a rap verse about the Pythagorean theorem", "write a love letter from a {plang} compiler to a programmer"]),
                tech=self.pick(["recursion", "TCP handshakes", "garbage collection", "blockchain", "neural networks",
                                "photosynthesis", "compound interest"]),
                mtopic2=self.pick(["fractions", "long division", "probability", "negative numbers"]))
        if style == 6:
            language = self.pick(sorted(FOREIGN_CREATIVE))
            return self.noise(self.pick(FOREIGN_CREATIVE[language]))
        if style == 7:
            return self.frame(self.expand(self.pick([
                "turn this into a poem", "rewrite this as a fairy tale", "rewrite this as if a pirate were telling it",
                "make this into a dramatic monologue", "rewrite this in a {mood} tone"])) + self.block(self.passage(self.number(2, 5))))
        return self.frame(self.expand(self.pick([
            "Write a {mood} short story ({n} words) about {name}, a {role} in {city} who finds {thing}. Include dialogue "
            "and end on an open question.",
            "Write a children's bedtime story about a {animal} who is afraid of {fear}. Gentle, {small_n} paragraphs, "
            "with a repeated phrase kids can say along.",
            "Write song lyrics (verse, chorus, verse, chorus, bridge) about {topic}, {mood} mood."]),
            n=self.number(2, 9) * 100, thing=self.pick(["a letter from 1943", "a door that wasn't there yesterday",
                                                        "a talking cat", "a map of the moon", "an old camera"]),
            animal=self.pick(["hedgehog", "little dragon", "penguin", "fox", "snail"]),
            fear=self.pick(["the dark", "thunder", "the sea", "making friends"])))

    def factual_prompt(self) -> str:
        style = self.rng.randrange(8)
        if style <= 2:
            return self.frame(self.expand(self.pick(FACT_QUESTIONS), thing=self.pick(FACT_THINGS),
                                          country=self.pick(COUNTRIES), person=self.pick(FAMOUS),
                                          process=self.pick(PROCESSES), event=self.pick(EVENTS)))
        if style == 3:
            return self.frame(self.expand(self.pick([
                "what's the difference between {pair}?", "is {claim}?", "is it true that {claim2}?",
                "how many {count_q}?", "explain {fconcept} in simple terms", "what is {fconcept}?",
                "why {why}?", "who is considered the founder of {field}?"]), pair=self.pick(FACT_PAIRS),
                claim=self.pick(CLAIMS), claim2=self.pick(CLAIMS), count_q=self.pick(COUNT_QUESTIONS),
                fconcept=self.pick(FACT_CONCEPTS), why=self.pick(WHY_QUESTIONS), field=self.pick(FIELDS)))
        if style == 4:
            language = self.pick(sorted(FOREIGN_FACTS))
            return self.noise(self.pick(FOREIGN_FACTS[language]))
        if style == 5:
            return self.noise(self.expand(self.pick([
                "My kid asked me {q_lower} and I had no idea. Can you help?",
                "I was arguing with my {relation} about this: {q_lower} Who's right?",
                "I'm {emotion} today. Anyway, random question: {q_lower}",
                "For a pub quiz: {q_lower}", "Settle a bet. {q_lower}"]),
                q_lower=self.expand(self.pick(FACT_QUESTIONS), thing=self.pick(FACT_THINGS), country=self.pick(COUNTRIES),
                                    person=self.pick(FAMOUS), process=self.pick(PROCESSES), event=self.pick(EVENTS))))
        if style == 6:
            return self.frame(self.expand(self.pick([
                "what is the population of {city}", "when was {company_real} founded", "how tall is {landmark}",
                "where is {landmark}", "what language do they speak in {country}", "what currency does {country} use",
                "how far is {city} from {city2}", "what's the value of pi to 10 digits", "what is the boiling point of {substance}",
                "how long does it take light to reach {planet}"]), city2=self.pick(CITIES),
                company_real=self.pick(REAL_COMPANIES), landmark=self.pick(LANDMARKS), country=self.pick(COUNTRIES),
                substance=self.pick(["water", "ethanol", "nitrogen", "olive oil"]),
                planet=self.pick(["Mars", "Jupiter", "the Moon", "Neptune"])))
        return self.frame(self.expand(self.pick([
            "I'm writing a report on {topic}. What are the main facts I should know about {event}? Dates and key people, please.",
            "Give me some background: what led to {event}, and what happened afterwards?",
            "Can you explain how {process} works? I've read a few articles but they contradict each other. "
            "I'm a {role}, so some technical detail is fine."]), event=self.pick(EVENTS), process=self.pick(PROCESSES)))

    def conversation_prompt(self) -> str:
        style = self.rng.randrange(8)
        if style == 0:
            return self.pick(GREETINGS)
        if style == 1:
            return self.noise(self.expand(self.pick(ABOUT_ASSISTANT)))
        if style == 2:
            return self.noise(self.expand(self.pick(PERSONAL), reason=self.pick(REASONS), thing=self.pick(TOPICS)))
        if style == 3:
            return self.pick(FOLLOW_UPS)
        if style == 4:
            return self.noise(self.expand(self.pick([
                "what do you think about {topic}?", "do you like {topic}?", "which is better, {pair2}?",
                "be honest, is {topic} overrated?", "let's just chat about {topic} for a bit",
                "tell me something interesting", "I'm bored. talk to me about anything",
                "what would you do if you were human for a day?", "do you ever get tired of answering questions?"]),
                pair2=self.pick(["cats or dogs", "tea or coffee", "summer or winter", "books or movies",
                                 "mountains or beaches", "pizza or sushi"])))
        if style == 5:
            return self.noise(self.pick(FOREIGN_CHAT))
        if style == 6:
            return self.noise(self.expand(self.pick([
                "I'm planning a trip to {city} next month. honestly I'm a bit nervous, I've never travelled alone",
                "What should I cook tonight? I have eggs, rice and some sad looking spinach",
                "I start a new job as a {role} on {weekday} and I can't stop overthinking it",
                "We adopted a {pet} today!! I'm so happy",
                "any tips for {goal}? I keep failing at it"])))
        # Longer, rambling messages: still small talk, not a task.
        parts = [self.expand(self.pick(PERSONAL), reason=self.pick(REASONS), thing=self.pick(TOPICS))
                 for _ in range(self.number(2, 4))]
        return self.noise(" ".join(parts) + " " + self.pick(["Sorry for rambling.", "Anyway, how are you?",
                                                              "Do you ever feel like that?", "Just needed to vent."]))

    def extraction_prompt(self) -> str:
        style = self.rng.randrange(9)
        if style <= 1:
            return self.frame(self.expand(self.pick([
                "extract {fields} from the following email and return JSON", "pull the {fields} out of this email into a table",
                "identify the sender, the recipient and any deadlines in this message",
                "list every date and amount mentioned below", "get me {fields} from this, one per line"]),
                fields=self.pick(FIELDS_TO_EXTRACT)) + self.block(self.email()))
        if style == 2:
            return self.frame(self.expand(self.pick([
                "extract {fields} from this {doc_kind} as a JSON object", "which companies are mentioned in this {doc_kind}?",
                "list all the people and organizations named in the text below", "find every number in this text and say what it refers to",
                "tag each named entity as PERSON, ORG or LOCATION", "pull out all dates and turn them into ISO 8601"]),
                fields=self.pick(FIELDS_TO_EXTRACT)) + self.block(self.passage(self.number(2, 24))))
        if style == 3:
            return self.frame(self.expand(self.pick([
                "from the table below, list the rows where the amount is over 500", "convert this table into JSON",
                "extract the names and cities into a CSV", "give me only the second and fourth columns of this table",
                "turn this markdown table into a list of dictionaries"])) + self.block(self.table()))
        if style == 4:
            return self.frame(self.pick([
                "Parse these log lines into timestamp, level, component and message",
                "Extract all ERROR entries from this log with their timestamps",
                "Turn these log lines into JSON objects, one per line"]) + self.block(self.log_lines()))
        if style == 5:
            schema = {"name": "string", "date": "YYYY-MM-DD", "total": "number", "items": [{"description": "string", "price": "number"}]}
            receipt = "\n".join([self.pick(COMPANIES).upper(), self.pick(CITIES), self.date()] +
                                ["%s  %s" % (self.pick(["Coffee", "Bagel", "Notebook", "USB cable", "Sandwich", "Water",
                                                        "Printer paper", "Batteries"]), self.money())
                                 for _ in range(self.number(2, 6))] + ["TOTAL " + self.money()])
            return self.frame(self.pick(["Fill in this JSON schema from the receipt", "Extract the receipt into this structure",
                                         "Read the receipt and output JSON matching the schema"]) + self.block(
                json.dumps(schema), "json") + self.block(receipt))
        if style == 6:
            return self.frame(self.expand(self.pick([
                "what's the customer's email and order status in this record?", "flatten this JSON into key=value lines",
                "list the SKUs and quantities from this order", "extract the fields customer, city and status"]))
                + self.block(self.json_record(), "json"))
        if style == 7:
            language = self.pick(sorted(FOREIGN_EXTRACT_ASKS))
            source = self.email() if self.chance(0.5) else " ".join(
                self.pick(FOREIGN_SENTENCES[self.pick(sorted(FOREIGN_SENTENCES))]) for _ in range(self.number(2, 5)))
            return self.noise(self.pick(FOREIGN_EXTRACT_ASKS[language]) + "\n\n" + source)
        return self.request(self.pick([
            "extract all email addresses and phone numbers from: {contact}",
            "get the name, job title and company from this signature: {contact}",
            "find the product name, price and rating in this review: {review}",
            "extract the ingredients with quantities: {recipe}"]),
            contact="%s, %s at %s, %s.%s@example.org, +%d %d %d" % (
                self.full_name(), self.pick(["Head of Sales", "CTO", "Office Manager", "Data Engineer"]),
                self.pick(COMPANIES), _ascii_word(self.pick(NAMES)), _ascii_word(self.pick(SURNAMES)), self.number(1, 49),
                self.number(100, 999), self.number(100000, 999999)),
            review=self.expand(self.pick(REVIEW_SENTENCES), **self.document_values()) + " Paid " + self.money() + ".",
            recipe=", ".join("%d %s %s" % (self.number(1, 500), self.pick(["g", "ml", "cups", "tbsp"]),
                                            self.pick(["flour", "sugar", "butter", "milk", "rice", "lentils"]))
                             for _ in range(self.number(3, 6))))

    BUILDERS = {"code": code_prompt, "math": math_prompt, "summarization": summarization_prompt,
                "translation": translation_prompt, "creative_writing": creative_prompt,
                "factual_question": factual_prompt, "conversation": conversation_prompt,
                "data_extraction": extraction_prompt}

    def prompt(self, label: str = None):
        label = label or self.rng.choices(LABELS, weights=[LABEL_WEIGHTS[l] for l in LABELS])[0]
        return {"text": self.BUILDERS[label](self).strip(), "label": label}

    def prompts(self, count: int):
        return [self.prompt() for _ in range(count)]


def _is_question(text: str) -> bool:
    return text.lower().startswith(("what", "how", "why", "who", "when", "where", "which", "is ", "are ", "do ",
                                    "does ", "can ", "should ", "tell me when"))


def _ascii_word(name: str) -> str:
    """'Amélie' -> 'amelie', for made-up e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _gerund(phrase: str) -> str:
    """'write a poem' -> 'writing a poem', enough for the verbs these templates start with."""
    verb, _, rest = phrase.partition(" ")
    irregular = {"write": "writing", "give": "giving", "make": "making", "compose": "composing", "create": "creating",
                 "come": "coming", "describe": "describing", "summarise": "summarising", "summarize": "summarizing",
                 "solve": "solving", "simplify": "simplifying", "differentiate": "differentiating",
                 "compute": "computing", "evaluate": "evaluating", "translate": "translating", "render": "rendering",
                 "extract": "extracting", "prove": "proving", "use": "using", "explain": "explaining",
                 "compare": "comparing", "recap": "recapping", "set": "setting", "get": "getting",
                 "multiply": "multiplying", "fit": "fitting", "determine": "determining", "factor": "factoring",
                 "integrate": "integrating", "invent": "inventing", "brainstorm": "brainstorming",
                 "generate": "generating", "configure": "configuring", "tell": "telling", "find": "finding"}
    word = verb.lower()
    if word in irregular:
        return irregular[word] + (" " + rest if rest else "")
    if word.isalpha() and word.isascii():
        return word + "ing" + (" " + rest if rest else "")
    return phrase


# ---------------------------------------------------------------------------------------------------------
# Content pools for the builders above

CODE_SPECS = ["checks whether a string is a palindrome", "returns the n-th Fibonacci number", "merges two sorted lists",
              "parses a CSV file and returns the rows as dictionaries", "removes duplicates from an array but keeps the order",
              "validates an email address", "retries an HTTP request with exponential backoff",
              "converts a Unix timestamp to ISO 8601", "flattens a nested dictionary", "implements an LRU cache",
              "finds the shortest path in a grid with obstacles", "reads a YAML config and falls back to defaults",
              "debounces another function", "chunks a list into pieces of size n", "reverses a linked list",
              "groups transactions by month", "counts word frequencies in a text file",
              "extracts all URLs from a string", "summarizes a list of orders by customer",
              "translates HTTP status codes to human readable messages", "calculates the area of a circle",
              "solves a quadratic equation", "computes the moving average of a list", "generates a random password",
              "checks if a year is a leap year", "sends a Slack message when a job fails", "resizes every image in a folder",
              "paginates results from a REST API", "compares two JSON files and prints the differences"]
AMBIGUOUS_CODE_SPECS = ["computes the mean and standard deviation of a column in a CSV",
                        "translates a JSON file of English strings into French using an API",
                        "summarizes a long text file by keeping the first sentence of each paragraph",
                        "extracts phone numbers from a list of emails", "plots y = x^2 - 3x + 2 between -5 and 5",
                        "answers trivia questions from a local JSON database", "generates random haikus from a word list",
                        "chats with the user in the terminal and remembers their name"]
ERRORS = ["IndexError: list index out of range", "NullPointerException", "TypeError: undefined is not a function",
          "a segmentation fault", "error[E0382]: borrow of moved value", "KeyError: 'id'", "a deadlock",
          "ConcurrentModificationException", "SyntaxError: unexpected token", "panic: runtime error: integer divide by zero",
          "ERROR: column \"total\" does not exist", "a stack overflow", "off-by-one errors", "ModuleNotFoundError"]
CONCEPTS = ["a list and a tuple", "an interface and an abstract class", "let, const and var", "processes and threads",
            "TCP and UDP", "inner join and left join", "async/await and threads", "stack and heap memory",
            "composition and inheritance", "== and equals()", "a mutex and a semaphore", "REST and GraphQL",
            "unit tests and integration tests", "git merge and git rebase", "shallow copy and deep copy"]
DEVOPS_TASKS = ["write a Dockerfile for a {plang} web app", "set up a GitHub Actions workflow that runs the tests",
                "write a bash one-liner to find files larger than {n}MB", "undo my last git commit but keep the changes",
                "configure nginx as a reverse proxy for a {plang} service on port 8080",
                "write a Kubernetes deployment with {n} replicas", "write a SQL query that returns the top {n} customers by revenue",
                "write a cron expression that runs every {n} minutes", "set up pre-commit hooks for a {plang} repo",
                "write a Makefile with build, test and clean targets"]
REGEX_THINGS = ["an IPv4 address", "a date like 2024-03-15", "a UK postcode", "hex colour codes",
                "words that start with a capital letter", "a US phone number", "an email address"]
HOWTOS = ["read a file line by line", "sort a dictionary by value", "make an HTTP POST request with JSON",
          "parse command line arguments", "run two tasks in parallel", "connect to PostgreSQL", "mock a function in tests",
          "format a date", "handle timeouts", "deserialize JSON into a struct", "reverse a string"]
OSES = ["Windows 11", "macOS", "Ubuntu 22.04", "a Raspberry Pi", "WSL", "Debian"]
FOREIGN_CODE_REQUESTS = {
    "German": ["Schreibe eine {plang}-Funktion, die prüft, ob eine Zahl eine Primzahl ist.",
               "Wie kann ich in {plang} eine Datei Zeile für Zeile lesen?",
               "Mein {plang}-Programm stürzt mit einem Speicherfehler ab. Woran kann das liegen?"],
    "French": ["Écris une fonction {plang} qui trie une liste de dictionnaires par date.",
               "Comment se connecter à une base de données PostgreSQL en {plang} ?",
               "Pourquoi mon code {plang} renvoie une erreur de type ? Voici le message : TypeError."],
    "Spanish": ["Escribe una función en {plang} que invierta una cadena.",
                "¿Cómo hago una petición HTTP con {plang}?", "Explícame este error de compilación en {plang}, por favor."],
    "Russian": ["Напиши функцию на {plang}, которая удаляет дубликаты из списка.",
                "Как в {plang} прочитать JSON из файла?", "Почему мой код на {plang} работает так медленно?"],
    "Chinese": ["用{plang}写一个函数，判断一个字符串是不是回文。", "{plang}里怎么读取CSV文件？", "这段{plang}代码为什么会报错？"],
    "Japanese": ["{plang}でリストを並べ替える関数を書いてください。", "{plang}でHTTPリクエストを送る方法を教えてください。"],
}
WORD_PROBLEMS = [
    "A train leaves {place} at {speed} km/h and another leaves in the opposite direction at {speed2} km/h. "
    "How far apart are they after {k} hours?",
    "If I invest {amount} at {r}% interest compounded annually for {years} years, how much will I have?",
    "A recipe needs 3/4 cup of sugar for 12 cookies. How much sugar do I need for {n} cookies?",
    "{person} is {k} years older than her brother. In {years} years their ages will add up to {n}. How old is she now?",
    "A shop sells a {product} for {amount} after a {pct}% discount. What was the original price?",
    "There are {k} red balls and {r} blue balls in a bag. I draw two without replacement. "
    "What's the probability both are red?",
    "A tank fills in {k} hours with one pipe and {r} hours with another. How long with both?",
    "How many seconds are there in {years} years, ignoring leap years?",
    "My car uses {r} litres per 100 km. How much fuel do I need for {n} km?",
    "We have {n} users and growth of {pct}% per month. When do we pass {n}0 users?",
]
PROOFS = ["prove that there are infinitely many primes", "prove by induction that 1 + 2 + ... + n = n(n+1)/2",
          "show that the square root of 2 is irrational", "prove that the sum of two even numbers is even",
          "prove that every bounded monotone sequence converges", "show that a group of prime order is cyclic",
          "prove the triangle inequality for real numbers", "prove that n^3 - n is divisible by 6 for every integer n"]
PROOF_TEXTS = [
    "Suppose sqrt(2) = p/q with p and q coprime integers. Then p^2 = 2q^2, so p^2 is even and hence p is even. "
    "Write p = 2k. Then 4k^2 = 2q^2, so q^2 = 2k^2 and q is even too. This contradicts the assumption that p and q "
    "are coprime, so sqrt(2) is irrational.",
    "Assume there are finitely many primes p1, ..., pn. Let N = p1 p2 ... pn + 1. No pi divides N, because dividing "
    "leaves remainder 1. So N is either prime or has a prime factor not in the list. Either way the list was "
    "incomplete, which is a contradiction. Hence there are infinitely many primes.",
    "Base case: for n = 1 the sum is 1 = 1(2)/2. Inductive step: assume 1 + ... + k = k(k+1)/2. Adding k + 1 gives "
    "k(k+1)/2 + (k+1) = (k+1)(k+2)/2, which is the formula for n = k + 1. By induction the formula holds for all n.",
    "Let G be a group of prime order p and let g be any element other than the identity. The order of the subgroup "
    "generated by g divides p by Lagrange's theorem, and it is greater than 1, so it equals p. Therefore g "
    "generates G and G is cyclic."]
MATH_TOPICS = ["complete the square", "use the chain rule", "find a common denominator", "do long division",
               "integrate by parts", "solve simultaneous equations", "use logarithms", "compute a dot product",
               "apply L'Hôpital's rule", "convert between radians and degrees", "calculate compound interest"]
MATH_CONCEPTS = ["eigenvalues", "the derivative", "a p-value", "Bayes' theorem", "the central limit theorem",
                 "imaginary numbers", "a limit", "matrix multiplication", "standard deviation", "modular arithmetic"]
FOREIGN_MATH = {
    "French": ["Résous l'équation {a}x + {b} = {c}.", "Combien font {p} % de {x} ?", "Calcule la dérivée de {poly}."],
    "German": ["Berechne die Ableitung von {poly}.", "Löse die Gleichung {a}x - {b} = {c}.", "Wie viel sind {p} Prozent von {x}?"],
    "Spanish": ["¿Cuánto es el {p}% de {x}?", "Resuelve la ecuación {a}x + {b} = {c}.", "Calcula la integral de {poly}."],
    "Russian": ["Найдите производную функции {poly}.", "Решите уравнение {a}x + {b} = {c}.", "Сколько будет {x} умножить на {p}?"],
    "Greek": ["Λύσε την εξίσωση {a}x + {b} = {c}.", "Βρες την παράγωγο της {poly}."],
    "Chinese": ["求解方程 {a}x + {b} = {c}。", "计算 {poly} 的导数。", "{x} 的 {p}% 是多少？"],
    "Japanese": ["{a}x + {b} = {c} を解いてください。", "{poly} を微分してください。"],
}
NEWS_SENTENCES = [
    "{org} said on {date} that it would open a new office in {place}.",
    "The decision follows months of talks with regulators about {subject}.",
    "Analysts at {org2} expect revenue to grow by {pct} percent next year.",
    "Critics argue that the plan does little to address {subject}.",
    "{person}, a spokesperson for the company, told reporters that the move would create {n} jobs.",
    "Shares of {org} rose {pct} percent in early trading.",
    "The city council of {place} approved the budget of {amount} by a narrow margin.",
    "Local residents have raised concerns about noise and traffic.",
    "The project is expected to be completed by {year}.",
    "{person} will replace {person2} as chief executive from {date}.",
    "Officials declined to comment on the details of the agreement.",
    "The announcement came a week after a similar deal between {org2} and a rival firm."]
SCIENCE_SENTENCES = [
    "Researchers at the University of {place} followed {n} volunteers for {years} years.",
    "They found that people who slept less than six hours a night were more likely to report poor concentration.",
    "The effect was strongest among participants over sixty.",
    "However, the authors caution that the study was observational and cannot prove cause and effect.",
    "The team used satellite data to measure changes in {subject} since {year}.",
    "Their model suggests that the trend could accelerate by {pct} percent over the next decade.",
    "{person}, who led the study, said the results surprised the team.",
    "The findings were published in a peer-reviewed journal on {date}.",
    "Earlier work had produced mixed results on the same question.",
    "Funding came from a public grant of {amount}."]
MEETING_SENTENCES = [
    "Attendees: {person}, {person2} and the platform team.",
    "{person} reported that the migration is about {pct} percent complete.",
    "The team agreed to postpone the launch until {date}.",
    "Action item: {person2} to send the revised budget to finance by {date}.",
    "Open question: do we need legal review before contacting customers in {place}?",
    "The client asked for weekly status updates instead of monthly ones.",
    "Costs for the quarter came in at {amount}, slightly above plan.",
    "Next meeting is on {date} at 10:00.",
    "We discussed hiring {n} more contractors for the support backlog.",
    "{person} raised a concern about the vendor contract with {org}."]
REVIEW_SENTENCES = [
    "I bought the {product} in {place} last month and it stopped working after two weeks.",
    "Honestly the best {product} I have owned, worth every penny.",
    "Delivery took {years} days longer than promised.",
    "The {product} looks great but the battery barely lasts a day.",
    "Customer service at {org} replaced it without any questions.",
    "Rating: {stars}/5.", "Would not recommend to a friend.",
    "It does the job, nothing more, nothing less.",
    "Setup was confusing and the manual is useless.",
    "For {amount} I expected better build quality."]
HISTORY_SENTENCES = [
    "In {year} a small group of merchants in {place} formed a guild to protect their trade.",
    "The war that followed lasted {years} years and left much of the region in ruins.",
    "Historians still debate whether the treaty was a victory or a compromise.",
    "{person} kept a diary during this period, which survives today in a library in {place}.",
    "By the end of the century the population had grown to about {n} thousand.",
    "The new railway changed daily life almost overnight.",
    "Many of the old buildings were destroyed in a fire in {year}.",
    "Women played a central role in organising the strikes."]
EMAIL_SENTENCES = [
    "I hope you're well.", "I'm writing about the invoice for {amount} that was due on {date}.",
    "Could you confirm whether the delivery to {place} is still planned for {date}?",
    "As discussed, {person} will join the call on {date}.", "The contract with {org} needs to be signed by Friday.",
    "Please find the updated figures attached.", "We noticed a charge of {amount} that we don't recognise.",
    "Let me know if {date} works for a short meeting.", "Sorry for the late reply, it's been a hectic week.",
    "You can reach me at +44 20 7946 {n} if anything is unclear.", "Our order number is {n}.",
    "I'm out of office until {date}; {person} is covering for me."]
FOREIGN_SUMMARY_ASKS = {
    "French": ["Résume ce texte en deux phrases :", "Peux-tu me faire un résumé de ce qui suit ?"],
    "German": ["Fasse den folgenden Text kurz zusammen:", "Bitte eine kurze Zusammenfassung davon:"],
    "Spanish": ["Resume el siguiente texto:", "Hazme un resumen breve de esto:"],
    "Russian": ["Кратко перескажи этот текст:", "Сделай краткое резюме:"],
    "Chinese": ["请总结以下内容：", "用一句话概括这段话："],
    "Japanese": ["次の文章を要約してください：", "この内容を三行でまとめてください："],
    "Greek": ["Κάνε μια σύντομη περίληψη του κειμένου:"],
}
BOOKS = ["Pride and Prejudice", "1984", "The Great Gatsby", "Don Quixote", "War and Peace", "One Hundred Years of Solitude",
         "The Little Prince", "Moby-Dick", "Crime and Punishment", "the first Harry Potter book", "Things Fall Apart"]
FOREIGN_TRANSLATE_ASKS = {
    "French": ["Traduis en anglais : « {} »", "Tu peux traduire ça en espagnol ? {}"],
    "German": ["Übersetze bitte ins Englische: {}", "Wie sagt man das auf Französisch? {}"],
    "Spanish": ["Traduce al inglés: {}", "¿Cómo se dice esto en alemán? {}"],
    "Russian": ["Переведи на английский: {}", "Переведи, пожалуйста, на немецкий: {}"],
    "Greek": ["Μετάφρασε στα αγγλικά: {}"],
    "Chinese": ["请把这句话翻译成英文：{}", "翻译成日语：{}"],
    "Japanese": ["この文を英語に翻訳してください：{}"],
}
UI_KEYS = ["login.title", "login.button", "cart.empty", "cart.checkout", "error.network", "settings.save",
           "profile.logout", "search.placeholder", "order.confirmed"]
UI_STRINGS = ["Sign in", "Your cart is empty", "Proceed to checkout", "Something went wrong. Please try again.",
              "Save changes", "Log out", "Search products…", "Thanks! Your order is confirmed.", "Forgot password?"]
FORMS = ["poem", "haiku", "limerick", "sonnet", "short story", "fairy tale", "song", "rap verse", "monologue",
         "bedtime story", "flash fiction piece", "fable", "ballad", "free verse poem", "six-word story", "screenplay scene"]
CHARACTERS = ["a retired astronaut", "a lighthouse keeper", "a cat who thinks she's a queen", "the last tree in a city",
              "a nervous dragon", "a time-travelling librarian", "a detective in 1920s Shanghai", "a robot learning to cook",
              "a grumpy wizard", "a ghost who is afraid of people", "a teenage inventor", "an old fisherman"]
CONSTRAINTS = ["rhymes", "has exactly eight lines", "ends with a twist", "never uses the letter e",
               "starts every line with the same word", "is under 100 words", "includes a talking animal", "is set in the future"]
SETTINGS = ["a night market in Taipei", "an abandoned space station", "a village on the edge of a glacier",
            "a crowded train in Mumbai", "a medieval monastery", "an underwater city", "a desert gas station at midnight"]
STORY_OPENINGS = ["The last bus out of {city} left without {name}.",
                  "{name} found the key under the floorboard on the morning of her twelfth birthday.",
                  "Nobody in the village had ever seen snow fall upwards, until that Tuesday.",
                  "The message on the answering machine was in {name}'s own voice.",
                  "It was the third time the lighthouse had gone dark that week."]
FOREIGN_CREATIVE = {
    "French": ["Écris un poème sur la mer en hiver.", "Raconte-moi une courte histoire d'un chat perdu à Paris.",
               "Invente un conte pour enfants avec un dragon timide."],
    "German": ["Schreib eine kurze Geschichte über einen Roboter, der träumen lernt.", "Schreib ein Gedicht über den Herbst."],
    "Spanish": ["Escribe un cuento corto sobre un faro abandonado.", "Escribe un poema de amor para mi pareja."],
    "Russian": ["Напиши стихотворение о зимнем лесе.", "Придумай сказку про хитрую лису и ворону."],
    "Chinese": ["写一首关于秋天的诗。", "写一个关于月亮和小兔子的童话故事。"],
    "Japanese": ["春についての俳句を書いてください。", "猫が主人公の短い物語を書いてください。"],
    "Greek": ["Γράψε ένα ποίημα για τη θάλασσα.", "Γράψε μια σύντομη ιστορία για έναν ψαρά."],
}
FACT_QUESTIONS = ["who invented {thing}?", "when was {thing} invented?", "what is the capital of {country}?",
                  "who was {person}?", "why is {person} famous?", "how does {process} work?", "what causes {process}?",
                  "when did {event} happen?", "where did {event} take place?", "what were the causes of {event}?",
                  "what's the largest city in {country}?", "what is {country} known for?", "who discovered {thing}?",
                  "what did {person} do?", "how old was {person} when they died?"]
FACT_THINGS = ["the telephone", "penicillin", "the printing press", "the light bulb", "the World Wide Web", "the bicycle",
               "vaccines", "the steam engine", "the microwave oven", "radioactivity", "the transistor", "insulin"]
COUNTRIES = ["Australia", "Canada", "Brazil", "Kenya", "Mongolia", "Peru", "Norway", "Vietnam", "Morocco", "New Zealand",
             "Portugal", "Indonesia", "Chile", "Finland", "Ghana", "Kazakhstan"]
FAMOUS = ["Marie Curie", "Ada Lovelace", "Nelson Mandela", "Leonardo da Vinci", "Frida Kahlo", "Alan Turing",
          "Cleopatra", "Genghis Khan", "Rosalind Franklin", "Nikola Tesla", "Simón Bolívar", "Murasaki Shikibu"]
PROCESSES = ["photosynthesis", "a nuclear reactor", "the immune system", "inflation", "GPS", "a vaccine",
             "plate tectonics", "the stock market", "a jet engine", "the water cycle", "memory in the brain",
             "the northern lights", "a credit score", "wifi"]
EVENTS = ["the fall of the Berlin Wall", "the French Revolution", "the first moon landing", "the Black Death",
          "the Meiji Restoration", "the Cuban Missile Crisis", "the eruption of Vesuvius", "the invention of writing",
          "the Partition of India", "the Great Depression", "the Chernobyl disaster"]
FACT_PAIRS = ["a virus and a bacterium", "weather and climate", "a crocodile and an alligator", "England and Great Britain",
              "a comet and an asteroid", "baking soda and baking powder", "a democracy and a republic", "RAM and storage"]
CLAIMS = ["the Great Wall of China visible from space", "a tomato a fruit", "Pluto still a planet",
          "lightning never strikes the same place twice", "goldfish only have a three-second memory",
          "we only use ten percent of our brains"]
COUNT_QUESTIONS = ["bones are in the human body", "countries are in Africa", "moons does Jupiter have",
                   "languages are spoken in India", "players are on a rugby team", "keys does a piano have"]
FACT_CONCEPTS = ["inflation", "the greenhouse effect", "DNA", "a black hole", "the placebo effect", "a recession",
                 "herd immunity", "the theory of relativity", "an ecosystem", "the electoral college"]
WHY_QUESTIONS = ["is the sky blue", "do cats purr", "is the ocean salty", "do we dream", "do leaves change colour in autumn",
                 "does ice float", "do onions make you cry"]
FIELDS = ["modern chemistry", "sociology", "computer science", "genetics", "economics", "psychology"]
REAL_COMPANIES = ["IKEA", "Nintendo", "Toyota", "Nokia", "Samsung", "Lego", "Volkswagen", "Adidas"]
LANDMARKS = ["Mount Everest", "the Eiffel Tower", "Machu Picchu", "the Burj Khalifa", "Angkor Wat", "the Statue of Liberty",
             "Kilimanjaro", "Mount Fuji"]
FOREIGN_FACTS = {
    "French": ["Quelle est la capitale de l'Australie ?", "Qui a écrit Les Misérables ?", "Pourquoi le ciel est-il bleu ?"],
    "German": ["Wer hat die Glühbirne erfunden?", "Wie hoch ist die Zugspitze?", "Wann fiel die Berliner Mauer?"],
    "Spanish": ["¿Cuándo llegó el hombre a la Luna?", "¿Cuál es el río más largo del mundo?", "¿Quién pintó el Guernica?"],
    "Russian": ["Кто написал «Войну и мир»?", "Какая самая длинная река в Европе?", "Когда был запущен первый спутник?"],
    "Greek": ["Ποια είναι η πρωτεύουσα της Αυστραλίας;", "Ποιος έγραψε την Οδύσσεια;"],
    "Chinese": ["长城有多长？", "谁发明了造纸术？", "太阳系有几颗行星？"],
    "Japanese": ["富士山の高さはどれくらいですか？", "日本で一番長い川は何ですか？"],
}
GREETINGS = ["hi", "hello!", "hey how are you", "good morning :)", "yo", "what's up", "Hi there!", "hello?",
             "Hey! Long time no see.", "good evening", "sup", "Hi, are you there?", "Morning!"]
ABOUT_ASSISTANT = ["what's your name?", "are you a robot?", "do you have feelings?", "what can you do?",
                   "who made you?", "do you remember what we talked about yesterday?", "are you smarter than me?",
                   "do you dream?", "tell me a joke", "what's your favourite {topic}-related fact?",
                   "can we be friends?", "how old are you?"]
PERSONAL = ["I'm feeling {emotion} because {reason}.", "My {relation} and I had a fight about {thing}. What should I do?",
            "I just got a new {pet}!", "I can't sleep.", "Can you give me some motivation to {goal}?",
            "Honestly I'm {emotion} today.", "I think I'm going to quit my job.", "Today was a good day for once.",
            "I miss my friends back home.", "Do you think it's normal to feel {emotion} before a big change?"]
REASONS = ["my exams start next week", "I moved to a new city", "work has been crazy", "my best friend moved away",
           "I got the job!", "nobody remembered my birthday", "it's been raining for days", "I finally finished my thesis"]
FOLLOW_UPS = ["thanks, that was helpful", "Can you explain that again more simply?", "that's not what I meant",
              "ok cool", "lol", "wait, really?", "Sorry, I got distracted. Where were we?", "never mind", "thank you so much!!",
              "haha good one", "hmm I'm not sure I agree", "you're funny", "ok goodnight", "same here", "ugh, fine",
              "Thanks! Talk later.", "you're right, my bad"]
FOREIGN_CHAT = ["Bonjour ! Comment ça va ?", "Hallo, wie geht's dir?", "Hola, ¿qué tal tu día?", "Привет! Как дела?",
                "Γεια σου! Τι κάνεις;", "你好！今天过得怎么样？", "こんにちは！元気ですか？",
                "Merci beaucoup, c'était très utile !", "Ich bin heute so müde.", "Estoy un poco triste hoy, ¿podemos hablar?",
                "Спасибо, ты очень помог!", "哈哈，你真有意思。", "おやすみなさい！", "Salut, tu t'appelles comment ?",
                "Danke, bis später!", "Me siento solo últimamente."]
FIELDS_TO_EXTRACT = ["the names, dates and amounts", "all email addresses", "the order number and delivery date",
                     "every person's name and role", "the invoice number, total and due date", "all phone numbers",
                     "the company names", "the action items with owners", "dates, places and people"]
FOREIGN_EXTRACT_ASKS = {
    "French": ["Extrais les noms, les dates et les montants de ce texte au format JSON :"],
    "German": ["Extrahiere alle Namen und Datumsangaben aus dem folgenden Text:"],
    "Spanish": ["Extrae los nombres y las fechas del siguiente texto en una tabla:"],
    "Russian": ["Извлеки все имена и даты из этого письма в формате JSON:"],
    "Chinese": ["从以下文本中提取所有人名、日期和金额："],
    "Japanese": ["次の文章から日付と金額をすべて抽出してください："],
}


# ---------------------------------------------------------------------------------------------------------
