// Written by Data/names/make_country_names.py from Data/names/country-names.csv:
// edit the CSV and run the script, not this file (CountryNameMatchingTests compares them).

extension CountryNames {
    /// Data/names/country-names.csv as it is, without its last line end.
    static let csv = #"""
        iso3,name,source
        ABW,Aruba,cq wdi imf owid iso
        AFG,Afghanistan,cq wdi imf gapminder owid iso
        AFG,Islamic Republic of Afghanistan,imf iso
        AGO,Angola,cq wdi imf gapminder owid iso
        AGO,Republic of Angola,iso
        AIA,Anguilla,owid iso
        ALA,Aland Islands,owid
        ALA,Åland Islands,un iso
        ALB,Albania,cq wdi imf gapminder owid iso
        ALB,Republic of Albania,iso
        AND,Andorra,cq wdi imf owid iso
        AND,Principality of Andorra,iso
        ARE,UAE,common
        ARE,United Arab Emirates,cq wdi imf owid iso
        ARG,Argentina,cq wdi imf gapminder owid iso
        ARG,Argentine Republic,iso
        ARM,Armenia,cq wdi imf owid iso
        ARM,Republic of Armenia,iso
        ASM,American Samoa,cq wdi owid iso
        ATA,Antarctica,owid iso
        ATF,French Southern Territories,owid iso
        ATG,Antigua & Barbuda,cq common
        ATG,Antigua and Barbuda,wdi imf owid iso
        AUS,Australia,cq wdi imf gapminder owid iso
        AUT,Austria,cq wdi imf gapminder owid iso
        AUT,Republic of Austria,iso
        AZE,Azerbaijan,cq wdi imf owid iso
        AZE,Republic of Azerbaijan,iso
        BDI,Burundi,cq wdi imf gapminder owid iso
        BDI,Republic of Burundi,iso
        BEL,Belgium,cq wdi imf gapminder owid iso
        BEL,Kingdom of Belgium,iso
        BEN,Benin,cq wdi imf gapminder owid iso
        BEN,Republic of Benin,iso
        BES,Bonaire Sint Eustatius and Saba,owid
        BES,"Bonaire, Sint Eustatius and Saba",un iso
        BFA,Burkina Faso,cq wdi imf gapminder owid iso
        BGD,Bangladesh,cq wdi imf gapminder owid iso
        BGD,People's Republic of Bangladesh,iso
        BGR,Bulgaria,cq wdi imf gapminder owid iso
        BGR,Republic of Bulgaria,iso
        BHR,Bahrain,cq wdi imf gapminder owid iso
        BHR,Kingdom of Bahrain,iso
        BHS,Bahamas,cq un pwt owid iso
        BHS,"Bahamas, The",wdi imf
        BHS,Commonwealth of the Bahamas,iso
        BHS,The Bahamas,imf
        BIH,Bosnia,cq common
        BIH,Bosnia & Herzegovina,common
        BIH,Bosnia and Herzegovina,wdi imf eurostat gapminder owid iso
        BIH,Bosnia-Herzegovina,common
        BIH,Republic of Bosnia and Herzegovina,iso
        BLM,Saint Barthelemy,owid
        BLM,Saint Barthélemy,un iso
        BLR,Belarus,cq wdi imf owid iso
        BLR,Republic of Belarus,iso
        BLZ,Belize,cq wdi imf owid iso
        BMU,Bermuda,cq wdi owid iso
        BOL,Bolivia,cq wdi imf gapminder owid common
        BOL,Bolivia (Plurinational State of),un pwt
        BOL,"Bolivia, Plurinational State of",iso
        BOL,Plurinational State of Bolivia,iso
        BRA,Brazil,cq wdi imf gapminder owid iso
        BRA,Federative Republic of Brazil,iso
        BRB,Barbados,cq wdi imf owid iso
        BRN,Brunei,cq owid common
        BRN,Brunei Darussalam,wdi imf un oecd pwt iso
        BTN,Bhutan,cq wdi imf owid iso
        BTN,Kingdom of Bhutan,iso
        BVT,Bouvet Island,owid iso
        BWA,Botswana,cq wdi imf gapminder owid iso
        BWA,Republic of Botswana,iso
        CAF,Central African Republic,cq wdi imf gapminder owid iso
        CAN,Canada,cq wdi imf gapminder owid iso
        CCK,Cocos (Keeling) Islands,un iso
        CCK,Cocos Islands,owid
        CHE,Swiss Confederation,iso
        CHE,Switzerland,cq wdi imf gapminder owid iso
        CHI,Channel Islands,cq wdi un owid
        CHL,Chile,cq wdi imf gapminder owid iso
        CHL,Republic of Chile,iso
        CHN,China,cq wdi imf un gapminder owid iso
        CHN,China (People's Republic of),oecd
        CHN,"China, P.R.: Mainland",imf
        CHN,PRC,common
        CHN,People's Republic of China,iso common
        CIV,Cote d'Ivoire,wdi gapminder owid
        CIV,Côte d'Ivoire,imf oecd pwt iso
        CIV,Côte d’Ivoire,cq un
        CIV,Ivory Coast,common
        CIV,Republic of Côte d'Ivoire,iso
        CMR,Cameroon,cq wdi imf gapminder owid iso
        CMR,Republic of Cameroon,iso
        COD,Congo (Kinshasa),common
        COD,Congo DR,common
        COD,"Congo, Dem. Rep.",wdi gapminder
        COD,"Congo, Dem. Rep. of the",imf
        COD,"Congo, Democratic Republic of the",common
        COD,"Congo, The Democratic Republic of the",iso
        COD,Congo-Kinshasa,common
        COD,D.R. of the Congo,pwt
        COD,DR Congo,cq common
        COD,DRC,common
        COD,Dem. Rep. Congo,common
        COD,Democratic Republic of Congo,owid
        COD,Democratic Republic of the Congo,imf un oecd
        COG,Congo (Brazzaville),common
        COG,Congo Republic,common
        COG,"Congo, Rep.",wdi gapminder
        COG,"Congo, Republic of the",common
        COG,Congo-Brazzaville,common
        COG,Republic of Congo,imf
        COG,Republic of the Congo,iso common
        COK,Cook Islands,owid iso
        COL,Colombia,cq wdi imf gapminder owid iso
        COL,Republic of Colombia,iso
        COM,Comoros,cq wdi imf gapminder owid iso
        COM,Union of the Comoros,iso
        CPV,Cabo Verde,wdi imf un pwt iso
        CPV,Cape Verde,cq wdi owid common
        CPV,Republic of Cabo Verde,iso
        CRI,Costa Rica,cq wdi imf gapminder owid iso
        CRI,Republic of Costa Rica,iso
        CUB,Cuba,cq wdi gapminder owid iso
        CUB,Republic of Cuba,iso
        CUW,Curacao,wdi owid common
        CUW,Curaçao,cq un pwt iso
        CXR,Christmas Island,owid iso
        CYM,Cayman Islands,cq wdi owid iso
        CYP,Cyprus,cq wdi imf owid iso
        CYP,Republic of Cyprus,iso
        CZE,Czech Republic,wdi imf oecd pwt gapminder iso common
        CZE,Czechia,cq wdi imf un oecd eurostat owid iso common
        DEU,Federal Republic of Germany,iso
        DEU,Germany,cq wdi imf eurostat gapminder owid iso
        DEU,Germany (until 1990 former territory of the FRG),eurostat
        DJI,Djibouti,cq wdi imf gapminder owid iso
        DJI,Republic of Djibouti,iso
        DMA,Commonwealth of Dominica,iso
        DMA,Dominica,cq wdi imf owid iso
        DNK,Denmark,cq wdi imf gapminder owid iso
        DNK,Kingdom of Denmark,iso
        DOM,Dominican Republic,cq wdi imf gapminder owid iso
        DZA,Algeria,cq wdi imf gapminder owid iso
        DZA,People's Democratic Republic of Algeria,iso
        ECU,Ecuador,cq wdi imf gapminder owid iso
        ECU,Republic of Ecuador,iso
        EGY,Arab Republic of Egypt,iso
        EGY,Egypt,cq imf un pwt gapminder owid iso
        EGY,"Egypt, Arab Rep.",wdi
        ERI,Eritrea,cq wdi imf gapminder owid iso
        ERI,the State of Eritrea,iso
        ESH,Western Sahara,owid iso
        ESP,Kingdom of Spain,iso
        ESP,Spain,cq wdi imf eurostat gapminder owid iso
        EST,Estonia,cq wdi imf owid iso
        EST,Republic of Estonia,iso
        ETH,Ethiopia,cq wdi imf gapminder owid iso
        ETH,Federal Democratic Republic of Ethiopia,iso
        FIN,Finland,cq wdi imf gapminder owid iso
        FIN,Republic of Finland,iso
        FJI,Fiji,cq wdi imf owid iso
        FJI,Republic of Fiji,iso
        FLK,Falkland Islands,owid
        FLK,Falkland Islands (Malvinas),un iso
        FRA,France,cq wdi imf eurostat gapminder owid iso
        FRA,French Republic,iso
        FRO,Faeroe Islands,common
        FRO,Faroe Islands,cq wdi owid iso
        FSM,Federated States of Micronesia,iso
        FSM,Micronesia,cq imf common
        FSM,Micronesia (Fed. States of),common
        FSM,Micronesia (Federated States of),un
        FSM,Micronesia (country),owid
        FSM,"Micronesia, Fed. Sts.",wdi
        FSM,"Micronesia, Federated States of",iso
        GAB,Gabon,cq wdi imf gapminder owid iso
        GAB,Gabonese Republic,iso
        GBR,Britain,common
        GBR,Great Britain,common
        GBR,U.K.,common
        GBR,UK,common
        GBR,United Kingdom,cq wdi imf oecd eurostat pwt gapminder owid iso
        GBR,United Kingdom of Great Britain and Northern Ireland,un iso
        GEO,Georgia,cq wdi imf owid iso
        GEO,Georgia (country),common
        GGY,Guernsey,owid iso
        GHA,Ghana,cq wdi imf gapminder owid iso
        GHA,Republic of Ghana,iso
        GIB,Gibraltar,cq wdi owid iso
        GIN,Guinea,cq wdi imf gapminder owid iso
        GIN,Republic of Guinea,iso
        GLP,Guadeloupe,owid iso
        GMB,Gambia,cq un pwt gapminder owid iso
        GMB,"Gambia, The",wdi imf
        GMB,Republic of the Gambia,iso
        GMB,The Gambia,imf
        GNB,Guinea-Bissau,cq wdi imf gapminder owid iso
        GNB,Republic of Guinea-Bissau,iso
        GNQ,Equatorial Guinea,cq wdi imf gapminder owid iso
        GNQ,Republic of Equatorial Guinea,iso
        GRC,Greece,cq wdi imf eurostat gapminder owid iso
        GRC,Hellenic Republic,iso
        GRD,Grenada,cq wdi imf owid iso
        GRL,Greenland,cq wdi owid iso
        GTM,Guatemala,cq wdi imf gapminder owid iso
        GTM,Republic of Guatemala,iso
        GUF,French Guiana,owid iso
        GUM,Guam,cq wdi owid iso
        GUY,Guyana,cq wdi imf owid iso
        GUY,Republic of Guyana,iso
        HKG,"China, Hong Kong SAR",pwt
        HKG,"China, Hong Kong Special Administrative Region",un
        HKG,"China, P.R.: Hong Kong",imf
        HKG,Hong Kong,cq owid iso common
        HKG,Hong Kong (China),oecd
        HKG,Hong Kong SAR,imf
        HKG,"Hong Kong SAR, China",wdi
        HKG,Hong Kong Special Administrative Region of China,iso
        HKG,"Hong Kong, China",oecd gapminder
        HMD,Heard Island and McDonald Islands,owid iso
        HND,Honduras,cq wdi imf gapminder owid iso
        HND,Republic of Honduras,iso
        HRV,Croatia,cq wdi imf gapminder owid iso
        HRV,Republic of Croatia,iso
        HTI,Haiti,cq wdi imf gapminder owid iso
        HTI,Republic of Haiti,iso
        HUN,Hungary,cq wdi imf gapminder owid iso
        IDN,Indonesia,cq wdi imf gapminder owid iso
        IDN,Republic of Indonesia,iso
        IMN,Isle of Man,cq wdi owid iso
        IND,India,cq wdi imf gapminder owid iso
        IND,Republic of India,iso
        IOT,British Indian Ocean Territory,owid iso
        IRL,Ireland,cq wdi imf gapminder owid iso
        IRN,Iran,cq gapminder owid common
        IRN,Iran (Islamic Republic of),un pwt
        IRN,"Iran, Islamic Rep.",wdi
        IRN,"Iran, Islamic Republic of",iso
        IRN,Islamic Republic of Iran,imf iso
        IRQ,Iraq,cq wdi imf gapminder owid iso
        IRQ,Republic of Iraq,iso
        ISL,Iceland,cq wdi imf gapminder owid iso
        ISL,Republic of Iceland,iso
        ISR,Israel,cq wdi imf gapminder owid iso
        ISR,State of Israel,iso
        ITA,Italian Republic,iso
        ITA,Italy,cq wdi imf eurostat gapminder owid iso
        JAM,Jamaica,cq wdi imf gapminder owid iso
        JEY,Jersey,owid iso
        JOR,Hashemite Kingdom of Jordan,iso
        JOR,Jordan,cq wdi imf gapminder owid iso
        JPN,Japan,cq wdi imf gapminder owid iso
        KAZ,Kazakhstan,cq wdi imf owid iso
        KAZ,Republic of Kazakhstan,iso
        KEN,Kenya,cq wdi imf gapminder owid iso
        KEN,Republic of Kenya,iso
        KGZ,Kyrgyz Republic,wdi imf iso
        KGZ,Kyrgyzstan,cq un oecd pwt owid iso common
        KHM,Cambodia,cq wdi imf gapminder owid iso
        KHM,Kingdom of Cambodia,iso
        KIR,Kiribati,cq wdi imf owid iso
        KIR,Republic of Kiribati,iso
        KNA,Saint Kitts and Nevis,un pwt owid iso
        KNA,St Kitts and Nevis,common
        KNA,St. Kitts & Nevis,cq
        KNA,St. Kitts and Nevis,wdi imf
        KOR,Korea,imf oecd
        KOR,"Korea, Rep.",wdi gapminder
        KOR,"Korea, Republic of",iso
        KOR,"Korea, South",common
        KOR,Republic of Korea,un pwt
        KOR,S. Korea,common
        KOR,South Korea,cq owid common
        KWT,Kuwait,cq wdi imf gapminder owid iso
        KWT,State of Kuwait,iso
        LAO,Lao P.D.R.,imf
        LAO,Lao PDR,wdi
        LAO,Lao People's DR,pwt
        LAO,Lao People's Democratic Republic,un oecd iso
        LAO,Laos,cq owid common
        LBN,Lebanese Republic,iso
        LBN,Lebanon,cq wdi imf gapminder owid iso
        LBR,Liberia,cq wdi imf gapminder owid iso
        LBR,Republic of Liberia,iso
        LBY,Libya,cq wdi imf gapminder owid iso
        LCA,Saint Lucia,un pwt owid iso
        LCA,St. Lucia,cq wdi imf
        LIE,Liechtenstein,cq wdi owid iso
        LIE,Principality of Liechtenstein,iso
        LKA,Democratic Socialist Republic of Sri Lanka,iso
        LKA,Sri Lanka,cq wdi imf gapminder owid iso
        LSO,Kingdom of Lesotho,iso
        LSO,Lesotho,cq wdi imf gapminder owid iso
        LTU,Lithuania,cq wdi imf owid iso
        LTU,Republic of Lithuania,iso
        LUX,Grand Duchy of Luxembourg,iso
        LUX,Luxembourg,cq wdi imf owid iso
        LVA,Latvia,cq wdi imf owid iso
        LVA,Republic of Latvia,iso
        MAC,"China, Macao SAR",pwt
        MAC,"China, Macao Special Administrative Region",un
        MAC,"China, P.R.: Macao",imf
        MAC,Macao,cq owid iso
        MAC,Macao (China),oecd
        MAC,Macao SAR,imf
        MAC,"Macao SAR, China",wdi
        MAC,Macao Special Administrative Region of China,iso
        MAC,"Macao, China",oecd
        MAC,Macau,common
        MAF,Saint Martin,common
        MAF,Saint Martin (French Part),un
        MAF,Saint Martin (French part),owid iso
        MAF,St. Martin,cq common
        MAF,St. Martin (French part),wdi
        MAR,Kingdom of Morocco,iso
        MAR,Morocco,cq wdi imf gapminder owid iso
        MCO,Monaco,cq wdi owid iso
        MCO,Principality of Monaco,iso
        MDA,Moldova,cq wdi imf oecd eurostat owid common
        MDA,"Moldova, Republic of",iso
        MDA,Republic of Moldova,un pwt iso
        MDG,Madagascar,cq wdi imf gapminder owid iso
        MDG,Republic of Madagascar,iso
        MDV,Maldives,cq wdi imf owid iso
        MDV,Republic of Maldives,iso
        MEX,Mexico,cq wdi imf gapminder owid iso
        MEX,United Mexican States,iso
        MHL,Marshall Islands,cq wdi imf owid iso
        MHL,Republic of the Marshall Islands,iso
        MKD,FYR Macedonia,imf
        MKD,Former Yugoslav Republic of Macedonia,un
        MKD,"Former Yugoslav Republic of Macedonia, the",eurostat
        MKD,Macedonia,common
        MKD,"Macedonia, FYR",wdi
        MKD,North Macedonia,cq wdi imf un oecd eurostat pwt owid iso
        MKD,Republic of North Macedonia,iso
        MKD,TFYR of Macedonia,pwt
        MLI,Mali,cq wdi imf gapminder owid iso
        MLI,Republic of Mali,iso
        MLT,Malta,cq wdi imf owid iso
        MLT,Republic of Malta,iso
        MMR,Burma,common
        MMR,Myanmar,cq wdi imf un gapminder owid iso
        MMR,Republic of Myanmar,iso
        MNE,Montenegro,cq wdi imf gapminder owid iso
        MNG,Mongolia,cq wdi imf gapminder owid iso
        MNP,Commonwealth of the Northern Mariana Islands,iso
        MNP,Northern Mariana Islands,cq wdi owid iso
        MOZ,Mozambique,cq wdi imf gapminder owid iso
        MOZ,Republic of Mozambique,iso
        MRT,Islamic Republic of Mauritania,iso
        MRT,Mauritania,cq wdi imf gapminder owid iso
        MSR,Montserrat,owid iso
        MTQ,Martinique,owid iso
        MUS,Mauritius,cq wdi imf gapminder owid iso
        MUS,Republic of Mauritius,iso
        MWI,Malawi,cq wdi imf gapminder owid iso
        MWI,Republic of Malawi,iso
        MYS,Malaysia,cq wdi imf gapminder owid iso
        MYT,Mayotte,owid iso
        NAM,Namibia,cq wdi imf gapminder owid iso
        NAM,Republic of Namibia,iso
        NCL,New Caledonia,cq wdi owid iso
        NER,Niger,cq wdi imf gapminder owid iso
        NER,Republic of the Niger,iso
        NFK,Norfolk Island,owid iso
        NGA,Federal Republic of Nigeria,iso
        NGA,Nigeria,cq wdi imf gapminder owid iso
        NIC,Nicaragua,cq wdi imf gapminder owid iso
        NIC,Republic of Nicaragua,iso
        NIU,Niue,owid iso
        NLD,Holland,common
        NLD,Kingdom of the Netherlands,iso
        NLD,Netherlands,cq wdi imf oecd eurostat gapminder owid iso
        NLD,Netherlands (Kingdom of the),un
        NLD,The Netherlands,common
        NOR,Kingdom of Norway,iso
        NOR,Norway,cq wdi imf gapminder owid iso
        NPL,Federal Democratic Republic of Nepal,iso
        NPL,Nepal,cq wdi imf gapminder owid iso
        NRU,Nauru,cq wdi imf owid iso
        NRU,Republic of Nauru,iso
        NZL,New Zealand,cq wdi imf oecd gapminder owid iso
        OMN,Oman,cq wdi imf gapminder owid iso
        OMN,Sultanate of Oman,iso
        PAK,Islamic Republic of Pakistan,iso
        PAK,Pakistan,cq wdi imf gapminder owid iso
        PAN,Panama,cq wdi imf gapminder owid iso
        PAN,Republic of Panama,iso
        PCN,Pitcairn,owid iso
        PER,Peru,cq wdi imf gapminder owid iso
        PER,Republic of Peru,iso
        PHL,Philippines,cq wdi imf gapminder owid iso
        PHL,Republic of the Philippines,iso
        PLW,Palau,cq wdi imf owid iso
        PLW,Republic of Palau,iso
        PNG,Independent State of Papua New Guinea,iso
        PNG,Papua New Guinea,cq wdi imf owid iso
        POL,Poland,cq wdi imf gapminder owid iso
        POL,Republic of Poland,iso
        PRI,Puerto Rico,cq wdi imf gapminder owid iso
        PRK,DPR Korea,common
        PRK,DPRK,common
        PRK,Democratic People's Republic of Korea,un iso
        PRK,"Korea, Dem. People's Rep.",wdi
        PRK,"Korea, Dem. Rep.",gapminder
        PRK,"Korea, Democratic People's Republic of",iso
        PRK,"Korea, North",common
        PRK,North Korea,cq owid common
        PRT,Portugal,cq wdi imf gapminder owid iso
        PRT,Portuguese Republic,iso
        PRY,Paraguay,cq wdi imf gapminder owid iso
        PRY,Republic of Paraguay,iso
        PSE,Occupied Palestinian Territory,common
        PSE,Palestine,cq owid common
        PSE,"Palestine, State of",iso
        PSE,Palestinian Territories,common
        PSE,State of Palestine,un pwt
        PSE,West Bank and Gaza,wdi imf gapminder
        PSE,the State of Palestine,iso
        PYF,French Polynesia,cq wdi owid iso
        QAT,Qatar,cq wdi imf owid iso
        QAT,State of Qatar,iso
        REU,Reunion,gapminder owid common
        REU,Réunion,un iso
        ROU,Romania,cq wdi imf gapminder owid iso
        RUS,Russia,cq imf oecd eurostat owid common
        RUS,Russian Federation,wdi un pwt iso
        RWA,Rwanda,cq wdi imf gapminder owid iso
        RWA,Rwandese Republic,iso
        SAU,Kingdom of Saudi Arabia,iso
        SAU,Saudi Arabia,cq wdi imf gapminder owid iso
        SDN,Republic of the Sudan,iso
        SDN,Sudan,cq wdi imf gapminder owid iso
        SEN,Republic of Senegal,iso
        SEN,Senegal,cq wdi imf gapminder owid iso
        SGP,Republic of Singapore,iso
        SGP,Singapore,cq wdi imf gapminder owid iso
        SGS,South Georgia and the South Sandwich Islands,owid iso
        SHN,Saint Helena,un owid
        SHN,"Saint Helena, Ascension and Tristan da Cunha",iso
        SJM,Svalbard and Jan Mayen,owid iso
        SJM,Svalbard and Jan Mayen Islands,un
        SLB,Solomon Islands,cq wdi imf owid iso
        SLE,Republic of Sierra Leone,iso
        SLE,Sierra Leone,cq wdi imf gapminder owid iso
        SLV,El Salvador,cq wdi imf gapminder owid iso
        SLV,Republic of El Salvador,iso
        SMR,Republic of San Marino,iso
        SMR,San Marino,cq wdi imf owid iso
        SOM,Federal Republic of Somalia,iso
        SOM,Somalia,cq wdi imf gapminder owid iso
        SPM,Saint Pierre and Miquelon,owid iso
        SRB,Republic of Serbia,iso
        SRB,Serbia,cq wdi imf gapminder owid iso
        SSD,Republic of South Sudan,iso
        SSD,South Sudan,cq wdi imf owid iso
        STP,Democratic Republic of Sao Tome and Principe,iso
        STP,Sao Tome and Principe,wdi un pwt gapminder owid iso
        STP,São Tomé & Príncipe,cq common
        STP,São Tomé and Príncipe,imf
        SUR,Republic of Suriname,iso
        SUR,Suriname,cq wdi imf owid iso
        SVK,Slovak Republic,wdi imf oecd gapminder iso
        SVK,Slovakia,cq un eurostat pwt owid iso common
        SVN,Republic of Slovenia,iso
        SVN,Slovenia,cq wdi imf gapminder owid iso
        SWE,Kingdom of Sweden,iso
        SWE,Sweden,cq wdi imf gapminder owid iso
        SWZ,Eswatini,cq wdi imf un pwt owid iso common
        SWZ,Kingdom of Eswatini,iso
        SWZ,Swaziland,wdi imf pwt gapminder common
        SXM,Sint Maarten,cq common
        SXM,Sint Maarten (Dutch part),wdi un pwt owid iso
        SYC,Republic of Seychelles,iso
        SYC,Seychelles,cq wdi imf owid iso
        SYR,Syria,cq imf gapminder owid common
        SYR,Syrian Arab Republic,wdi un pwt iso
        TCA,Turks & Caicos Islands,cq common
        TCA,Turks and Caicos Islands,wdi owid iso
        TCD,Chad,cq wdi imf gapminder owid iso
        TCD,Republic of Chad,iso
        TGO,Togo,cq wdi imf gapminder owid iso
        TGO,Togolese Republic,iso
        THA,Kingdom of Thailand,iso
        THA,Thailand,cq wdi imf gapminder owid iso
        TJK,Republic of Tajikistan,iso
        TJK,Tajikistan,cq wdi imf owid iso
        TKL,Tokelau,owid iso
        TKM,Turkmenistan,cq wdi imf owid iso
        TLS,Democratic Republic of Timor-Leste,iso
        TLS,East Timor,owid common
        TLS,Timor-Leste,cq wdi imf un iso
        TON,Kingdom of Tonga,iso
        TON,Tonga,cq wdi imf owid iso
        TTO,Republic of Trinidad and Tobago,iso
        TTO,Trinidad & Tobago,cq common
        TTO,Trinidad and Tobago,wdi imf gapminder owid iso
        TUN,Republic of Tunisia,iso
        TUN,Tunisia,cq wdi imf gapminder owid iso
        TUR,Republic of Türkiye,iso
        TUR,Turkey,wdi imf oecd pwt gapminder owid common
        TUR,Turkiye,wdi
        TUR,Türkiye,cq imf un oecd eurostat iso common
        TUV,Tuvalu,cq wdi imf owid iso
        TWN,"China, Taiwan Province of China",un
        TWN,Chinese Taipei,oecd
        TWN,Republic of China,common
        TWN,Taiwan,cq pwt gapminder owid common
        TWN,Taiwan Province of China,imf
        TWN,"Taiwan, China",wdi
        TWN,"Taiwan, Province of China",iso
        TZA,Tanzania,cq wdi imf gapminder owid common
        TZA,"Tanzania, United Republic of",iso
        TZA,U.R. of Tanzania: Mainland,pwt
        TZA,United Republic of Tanzania,un iso
        UGA,Republic of Uganda,iso
        UGA,Uganda,cq wdi imf gapminder owid iso
        UKR,Ukraine,cq wdi imf owid iso
        UMI,United States Minor Outlying Islands,owid iso
        URY,Eastern Republic of Uruguay,iso
        URY,Uruguay,cq wdi imf gapminder owid iso
        USA,U.S.,common
        USA,U.S.A.,common
        USA,US,common
        USA,USA,common
        USA,United States,cq wdi imf oecd eurostat pwt gapminder owid iso
        USA,United States of America,un iso common
        UZB,Republic of Uzbekistan,iso
        UZB,Uzbekistan,cq wdi imf owid iso
        VAT,Holy See,un
        VAT,Holy See (Vatican City State),iso
        VAT,Vatican,owid
        VAT,Vatican City,common
        VCT,Saint Vincent and the Grenadines,un owid iso
        VCT,St. Vincent & Grenadines,cq common
        VCT,St. Vincent and the Grenadines,wdi imf pwt
        VEN,Bolivarian Republic of Venezuela,iso
        VEN,Venezuela,cq imf gapminder owid common
        VEN,Venezuela (Bolivarian Republic of),un pwt
        VEN,"Venezuela, Bolivarian Republic of",iso
        VEN,"Venezuela, RB",wdi
        VGB,British Virgin Islands,cq wdi un pwt owid iso
        VGB,Virgin Islands (British),common
        VGB,"Virgin Islands, British",iso common
        VIR,U.S. Virgin Islands,cq common
        VIR,US Virgin Islands,common
        VIR,United States Virgin Islands,un owid
        VIR,Virgin Islands (U.S.),wdi
        VIR,Virgin Islands of the United States,iso
        VIR,"Virgin Islands, U.S.",iso common
        VNM,Socialist Republic of Viet Nam,iso
        VNM,Viet Nam,wdi un oecd pwt iso
        VNM,Vietnam,cq wdi imf gapminder owid common
        VUT,Republic of Vanuatu,iso
        VUT,Vanuatu,cq wdi imf owid iso
        WLF,Wallis and Futuna,owid iso
        WLF,Wallis and Futuna Islands,un
        WSM,Independent State of Samoa,iso
        WSM,Samoa,cq wdi imf owid iso
        XKX,Kosovo,cq wdi imf owid
        XKX,Kosovo (under UNSC res. 1244),un
        XKX,Kosovo (under United Nations Security Council Resolution 1244/99),eurostat
        XKX,Kosovo*,eurostat
        YEM,Republic of Yemen,iso
        YEM,Yemen,cq imf un pwt owid iso
        YEM,"Yemen, Rep.",wdi gapminder
        ZAF,Republic of South Africa,iso
        ZAF,South Africa,cq wdi imf gapminder owid iso
        ZMB,Republic of Zambia,iso
        ZMB,Zambia,cq wdi imf gapminder owid iso
        ZWE,Republic of Zimbabwe,iso
        ZWE,Zimbabwe,cq wdi imf gapminder owid iso
        COD COG,Congo,ambiguous
        VGB VIR,Virgin Islands,ambiguous
        """#
}
