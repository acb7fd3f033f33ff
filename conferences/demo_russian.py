"""The demo content in Russian: each English text of conferences/demo.py with its translation.

Fields whose English text is not here are left for editors to translate; the site then shows
the English, marked as English.
"""

RUSSIAN: dict[str, str] = {
    # Themes
    "Pillar I: Conditions conducive to terrorism":
        "Компонент I: условия, способствующие распространению терроризма",
    "Measures to address the conditions conducive to the spread of terrorism.":
        "Меры по устранению условий, способствующих распространению терроризма.",
    "Pillar II: Preventing and combating terrorism":
        "Компонент II: предотвращение терроризма и борьба с ним",
    "Measures to prevent and combat terrorism.":
        "Меры по предотвращению терроризма и борьбе с ним.",
    "Pillar III: Building States' capacity":
        "Компонент III: создание потенциала государств",
    "Measures to build States' capacity to prevent and combat terrorism and to strengthen "
    "the role of the United Nations system in that regard.":
        "Меры по созданию потенциала государств по предотвращению терроризма и борьбе с ним "
        "и укреплению роли системы Организации Объединённых Наций в этой области.",
    "Pillar IV: Human rights and the rule of law":
        "Компонент IV: права человека и верховенство права",
    "Measures to ensure respect for human rights for all and the rule of law as the "
    "fundamental basis of the fight against terrorism.":
        "Меры по обеспечению всеобщего уважения прав человека и верховенства права "
        "в качестве фундаментальной основы борьбы с терроризмом.",
    "Border security and management": "Безопасность и управление границами",
    "Small arms and light weapons": "Стрелковое оружие и лёгкие вооружения",
    "Rehabilitation and reintegration": "Реабилитация и реинтеграция",
    "Early warning": "Раннее предупреждение",
    "Preventing violent extremism": "Предотвращение насильственного экстремизма",
    "Protection of vulnerable targets": "Защита уязвимых объектов",
    "Countering terrorist travel": "Противодействие передвижению террористов",

    # Organisations
    "United Nations Office of Counter-Terrorism":
        "Контртеррористическое управление Организации Объединённых Наций",
    "UNOCT": "КТУ ООН",
    "United Nations Counter-Terrorism Centre": "Контртеррористический центр Организации Объединённых Наций",
    "UNCCT": "КТЦ ООН",
    "United Nations Regional Centre for Preventive Diplomacy for Central Asia":
        "Региональный центр Организации Объединённых Наций по превентивной дипломатии для Центральной Азии",
    "UNRCCA": "РЦПДЦА ООН",
    "Organization for Security and Co-operation in Europe": "Организация по безопасности и сотрудничеству в Европе",
    "OSCE": "ОБСЕ",
    "European Union": "Европейский союз",
    "EU": "ЕС",
    "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan":
        "Институт стратегических и межрегиональных исследований при Президенте Республики Узбекистан",
    "ISRS": "ИСМИ",
    "Ministry of Foreign Affairs of the Republic of Uzbekistan": "Министерство иностранных дел Республики Узбекистан",
    "Example Civil Society Network (example record)":
        "Пример: сеть организаций гражданского общества (пример записи)",

    # People
    "Vladimir Voronkov": "Владимир Воронков",
    "Mr.": "г-н",
    "Under-Secretary-General": "заместитель Генерального секретаря",
    "Under-Secretary-General, United Nations Office of Counter-Terrorism":
        "заместитель Генерального секретаря, Контртеррористическое управление Организации Объединённых Наций",
    "Example Speaker A": "Пример: выступающий А",
    "Example official (example record)": "должностное лицо (пример записи)",
    "Example Speaker B": "Пример: выступающий Б",

    # Conferences
    "High-level International Conference on Regional Cooperation among Central Asian States "
    "within the Framework of the Joint Plan of Action for the Implementation of the "
    "United Nations Global Counter-Terrorism Strategy":
        "Международная конференция высокого уровня по региональному сотрудничеству государств "
        "Центральной Азии в рамках Совместного плана действий по осуществлению Глобальной "
        "контртеррористической стратегии ООН",
    "Tashkent 2022": "Ташкент, 2022",
    "Tashkent": "Ташкент",
    "A hybrid meeting that marked ten years of the Joint Plan of Action for Central Asia. "
    "The participating States adopted the updated Plan and a Tashkent Declaration. "
    "(The times of its agenda on this site are illustrative.)":
        "Встреча в гибридном формате, приуроченная к десятилетию Совместного плана действий "
        "для Центральной Азии. Государства-участники приняли обновлённый План и Ташкентскую декларацию. "
        "(Время заседаний в программе указано условно.)",
    "High-level meeting on the adoption of the Joint Plan of Action for Central Asia":
        "Совещание высокого уровня по принятию Совместного плана действий для Центральной Азии",
    "Ashgabat 2011": "Ашхабад, 2011",
    "Ashgabat": "Ашхабад",
    "The Central Asian States adopted the Joint Plan of Action, the first regional plan to "
    "put all four pillars of the Global Counter-Terrorism Strategy into practice.":
        "Государства Центральной Азии приняли Совместный план действий — первый региональный план, "
        "направленный на практическое осуществление всех четырёх компонентов Глобальной "
        "контртеррористической стратегии.",
    "High-level dialogue on the Joint Plan of Action for Central Asia":
        "Диалог высокого уровня по Совместному плану действий для Центральной Азии",
    "Ashgabat 2017": "Ашхабад, 2017",
    "A dialogue on how the Plan was being carried out, which ended with the Ashgabat Declaration.":
        "Диалог о ходе осуществления Плана, завершившийся принятием Ашхабадской декларации.",
    "High-level conference on border security and management to counter terrorism":
        "Конференция высокого уровня по вопросам безопасности и управления границами "
        "в целях противодействия терроризму",
    "Dushanbe 2022": "Душанбе, 2022",
    "Dushanbe": "Душанбе",
    "A meeting on cooperation between border services, following up the updated Plan.":
        "Совещание по сотрудничеству между пограничными службами, проведённое в развитие обновлённого Плана.",
    "Example: expert workshop on early warning (draft example record)":
        "Пример: семинар экспертов по раннему предупреждению (пример записи, черновик)",
    "Example workshop (draft)": "Пример: семинар (черновик)",
    "Bishkek": "Бишкек",
    "An example of a draft: staff see it in the admin; the public does not.":
        "Пример черновика: сотрудники видят его в панели редактирования, а посетители сайта — нет.",

    # Speeches
    "Opening remarks": "Вступительное слово",
    "Example: statement on border cooperation": "Пример: выступление о пограничном сотрудничестве",
    "Example: statement on regional cooperation": "Пример: выступление о региональном сотрудничестве",
    "Example: closing remarks (scheduled)": "Пример: заключительное слово (публикация запланирована)",

    # Action items
    "Demo record: the status, progress and updates are illustrative, not reported facts.":
        "Демонстрационная запись: статус и сведения о ходе выполнения приведены для наглядности "
        "и не основаны на отчётных данных.",
    "Support rehabilitation and reintegration of people with suspected links to terrorist groups":
        "Поддержка реабилитации и реинтеграции лиц, подозреваемых в связях с террористическими группами",
    "Help prison services manage violent extremist prisoners":
        "Содействие пенитенциарным службам в обращении с заключёнными, осуждёнными за преступления, "
        "связанные с насильственным экстремизмом",
    "Technical assistance for national action plans to prevent and counter violent extremism":
        "Техническая помощь в разработке национальных планов действий по предотвращению "
        "насильственного экстремизма и противодействию ему",
    "Strengthen community resilience to violent extremism":
        "Повышение устойчивости местных сообществ к насильственному экстремизму",
    "Counter the supply of small arms and light weapons":
        "Противодействие поставкам стрелкового оружия и лёгких вооружений",
    "Help Member States secure and manage their borders":
        "Содействие государствам-членам в обеспечении безопасности границ и управлении ими",
    "Explore assistance to protect vulnerable targets":
        "Изучение возможностей содействия в защите уязвимых объектов",
    "Step up support to counter terrorist travel":
        "Расширение поддержки в противодействии передвижению террористов",
    "Develop a counter-terrorism early warning network for Central Asia":
        "Создание центральноазиатской сети раннего предупреждения в области противодействия терроризму",
    "Example: joint exercise at a shared border crossing":
        "Пример: совместные учения на общем пункте пропуска через границу",
    "Example: risk-analysis training for border officers":
        "Пример: обучение сотрудников пограничных служб анализу рисков",
    "Example: draft commitment awaiting review": "Пример: проект обязательства, ожидающий рассмотрения",
    # Outcome documents
    "Joint Plan of Action for the Implementation of the United Nations Global Counter-Terrorism "
    "Strategy in Central Asia":
        "Совместный план действий по осуществлению Глобальной контртеррористической стратегии "
        "ООН в Центральной Азии",
    "The first regional plan to put all four pillars of the Global Counter-Terrorism Strategy "
    "into practice, adopted by the five Central Asian States in Ashgabat.":
        "Первый региональный план осуществления всех четырёх компонентов Глобальной "
        "контртеррористической стратегии; принят пятью государствами Центральной Азии в Ашхабаде.",
    "Ashgabat Final Declaration": "Ашхабадская итоговая декларация",
    "The declaration of the meeting that adopted the Joint Plan of Action.":
        "Декларация совещания высокого уровня, на котором был принят Совместный план действий.",
    "Ashgabat Declaration": "Ашхабадская декларация",
    "The declaration that ended the high-level dialogue on the Joint Plan of Action.":
        "Декларация, которой завершился диалог высокого уровня по Совместному плану действий.",
    "Tashkent Declaration": "Ташкентская декларация",
    "Adopted at the Tashkent conference that marked ten years of the Joint Plan of Action, and "
    "circulated as a document of the General Assembly in the six official languages of the "
    "United Nations.":
        "Принята на Ташкентской конференции, приуроченной к десятилетию Совместного плана действий, "
        "и распространена в качестве документа Генеральной Ассамблеи на шести официальных языках "
        "Организации Объединённых Наций.",
    "Updated Joint Plan of Action for Central Asia": "Обновлённый Совместный план действий для Центральной Азии",
    "The Plan as updated at the Tashkent conference, ten years after its adoption.":
        "Обновлённая на Ташкентской конференции редакция Плана, принятого десятью годами ранее.",
    "Dushanbe Declaration": "Душанбинская декларация",
    "The declaration of the Dushanbe conference on border security and management.":
        "Декларация Душанбинской конференции по безопасности и управлению границами.",
    "Co-Chairs' Summary of the Dushanbe conference": "Резюме сопредседателей Душанбинской конференции",
    "The co-chairs' account of the Dushanbe conference on border security and management.":
        "Изложение итогов Душанбинской конференции по безопасности и управлению границами, "
        "подготовленное сопредседателями.",
    "The file is an example made by this site for its demo, not the document's text.":
        "Демонстрационный файл, созданный этим сайтом, а не текст документа.",
    # Plans
    "Joint Plan of Action for Central Asia (2011)": "Совместный план действий для Центральной Азии (2011)",
    "The plan the five Central Asian States adopted in Ashgabat in 2011, the first to put the "
    "whole Global Counter-Terrorism Strategy into practice in one region.":
        "План, принятый пятью государствами Центральной Азии в Ашхабаде в 2011 году, — первый план "
        "комплексного осуществления Глобальной контртеррористической стратегии на региональном уровне.",
    "Updated Joint Plan of Action for Central Asia (2022)":
        "Обновлённый Совместный план действий для Центральной Азии (2022)",
    "The plan as updated in Tashkent in 2022. The commitments announced at the Tashkent "
    "conference belong to it.":
        "План в редакции, обновлённой в Ташкенте в 2022 году. К нему относятся обязательства, "
        "объявленные на Ташкентской конференции.",
    # The Tashkent agenda
    "Opening session": "Открытие конференции",
    "Thematic session I: Conditions conducive to terrorism":
        "Тематическое заседание I: условия, способствующие распространению терроризма",
    "Thematic session II: Preventing and combating terrorism":
        "Тематическое заседание II: предотвращение терроризма и борьба с ним",
    "Thematic session III: Building States' capacity": "Тематическое заседание III: создание потенциала государств",
    "Thematic session IV: Human rights and the rule of law":
        "Тематическое заседание IV: права человека и верховенство права",
    "Closing session": "Заключительное заседание",
    # Progress notes
    "Example: needs assessed with national partners.": "Пример: потребности оценены вместе с национальными партнёрами.",
    "Example: first training cycle for social workers held.":
        "Пример: проведён первый цикл обучения социальных работников.",
    "Example: guidance for local authorities drafted.":
        "Пример: подготовлен проект руководства для местных органов власти.",
    "Example: work plan agreed.": "Пример: план работы согласован.",
    "Example: two draft plans reviewed.": "Пример: рассмотрены два проекта планов.",
    "Example: assistance to all requesting States delivered.":
        "Пример: помощь оказана всем обратившимся государствам.",
    "Example: regional expert meeting held.": "Пример: проведено региональное совещание экспертов.",
    "Example: paused while funding is renewed.": "Пример: работа приостановлена до возобновления финансирования.",
    "Example: discussed at the Dushanbe meeting.": "Пример: обсуждено на встрече в Душанбе.",
    "Example: concept note shared with the States.": "Пример: концептуальная записка направлена государствам.",
    "Example: national focal points named.": "Пример: назначены национальные координаторы.",
    "Example: cancelled; replaced by table-top training.":
        "Пример: отменено; вместо этого проведены штабные учения.",
    "Example: three courses held.": "Пример: проведены три курса.",
}

# Translations of demo speeches' texts, by the speech's slug: (language, text). Paragraphs are
# separated by a blank line, as in the original, and in the same number and order.
SPEECH_TRANSLATIONS: dict[str, tuple[str, str]] = {
    "opening-remarks-vladimir-voronkov-2022": ("ru", """\
[Демонстрационные данные: краткое изложение выступления, составленное для этого сайта своими словами, а не текст в том \
виде, в каком он был произнесён.]

Ваши превосходительства,
дамы и господа!

Спустя десять лет после принятия Совместного плана действий настоящее совещание даёт странам региона возможность \
подвести итоги проделанной работы и согласовать обновлённый План.

Организация Объединённых Наций по-прежнему поддерживает государства Центральной Азии в практическом осуществлении \
Глобальной контртеррористической стратегии ООН в рамках Плана.

Мы оказываем поддержку в реабилитации и реинтеграции лиц, подозреваемых в связях с террористическими группами. Мы \
помогаем пенитенциарным службам в обращении с заключёнными, осуждёнными за преступления, связанные с насильственным \
экстремизмом. Мы оказываем техническую помощь государствам в разработке национальных планов действий по предотвращению \
насильственного экстремизма и противодействию ему. Мы работаем с местными сообществами, чтобы повысить их устойчивость \
к насильственному экстремизму.

По просьбе государств-членов мы продолжим содействовать пресечению потоков стрелкового оружия и лёгких вооружений. Мы \
продолжим помогать государствам-членам в обеспечении безопасности границ и управлении ими. Мы изучаем возможности \
содействия в защите уязвимых объектов. Мы расширим поддержку в противодействии передвижению террористов.

Мы также поддерживаем создание центральноазиатской сети раннего предупреждения в области противодействия терроризму, с \
тем чтобы снизить риски, связанные с ситуацией в Афганистане.

Мы благодарим ОБСЕ, РЦПДЦА ООН и гражданское общество за совместные усилия по противодействию распространению \
терроризма.

Ваши превосходительства!

Солидарность народов региона по-прежнему служит надёжной защитой от насилия.

Настоящая конференция позволяет государствам Центральной Азии вновь подтвердить свою приверженность совместной работе \
в рамках обновлённого Плана."""),
    "primer-vystuplenie-o-regionalnom-sotrudnichestve": ("en", """\
[Example: an invented statement that shows how the site presents texts in Russian.]

Distinguished participants,

The Central Asian States are continuing their joint work under the Joint Plan of Action.

We will support the exchange of experience among early warning experts."""),
}
